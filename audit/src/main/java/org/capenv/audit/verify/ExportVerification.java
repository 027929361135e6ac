package org.capenv.audit.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.capenv.audit.merkle.MerkleHash;

/**
 * Verifies an export file as a pipeline: this thread reads blocks of whole lines and feeds checked
 * blocks to the {@link LogVerifier} in file order (sequence numbers, tree, checkpoints), while
 * worker threads, one per core, check the blocks ahead of it (canonical form, {@code seq}, leaf
 * hash). The verifier sees exactly what it would see line by line.
 */
final class ExportVerification {
  /** Bytes read per block: about 4,000 entries of 1 KB. */
  static final int DEFAULT_CHUNK_BYTES = 4 << 20;

  private final LogVerifier verifier;
  private final boolean deep;
  private final int chunkBytes;
  private final int workers;

  ExportVerification(LogVerifier verifier, boolean deep, int chunkBytes, int workers) {
    this.verifier = verifier;
    this.deep = deep;
    this.chunkBytes = chunkBytes;
    this.workers = workers;
  }

  VerificationResult run(Path file) throws IOException {
    ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(MerkleHash::newDigest);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "capenv-audit-verify");
              t.setDaemon(true);
              return t;
            });
    // enough blocks in flight to keep every worker busy while this thread folds one
    int depth = workers * 2 + 1;
    ArrayDeque<Future<LineChunk>> inFlight = new ArrayDeque<>();
    ArrayDeque<LineChunk> free = new ArrayDeque<>();
    long position = 0;
    try (ExportReader reader = new ExportReader(file, chunkBytes)) {
      while (true) {
        LineChunk chunk = free.isEmpty() ? new LineChunk() : free.pop();
        if (!reader.next(chunk)) {
          break;
        }
        inFlight.add(
            pool.submit(
                () -> {
                  chunk.check(digests.get(), deep);
                  return chunk;
                }));
        if (inFlight.size() >= depth) {
          position = fold(inFlight.poll(), position, free);
        }
      }
      while (!inFlight.isEmpty()) {
        position = fold(inFlight.poll(), position, free);
      }
      if (reader.unterminated()) {
        return new VerificationResult(
            position,
            0,
            0,
            Optional.of(
                new VerificationResult.Failure(
                    position - 1, "the last line has no newline: the file is truncated")));
      }
    } finally {
      pool.shutdownNow();
    }
    return verifier.finish();
  }

  private long fold(Future<LineChunk> pending, long position, ArrayDeque<LineChunk> free)
      throws IOException {
    LineChunk chunk;
    try {
      chunk = pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while verifying", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("checking export lines failed", e.getCause());
    }
    chunk.feed(verifier, position);
    free.push(chunk);
    return position + chunk.lines();
  }
}
