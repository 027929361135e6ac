/*
 * capenv-exec: runs a tool with its standard output written to a new file of the output folder.
 *
 *   capenv-exec --stdout /out/<name> -- <program> [argument...]
 *
 * Used as the command of a Kubernetes run's tool container when the tool's result is its standard
 * output: no shell exists in (or is assumed of) the tool image, so this program opens the file,
 * makes it file descriptor 1 and replaces itself with the tool. The tool's exit status is
 * therefore the container's.
 *
 * - <name> is one path segment of [A-Za-z0-9][A-Za-z0-9._-]{0,127} directly under the output
 *   folder; the folder itself must not be a symbolic link, and the file must not exist yet (no
 *   symbolic link, no existing file is ever followed or overwritten).
 * - <program> containing a slash is executed as given; otherwise it is looked up in PATH by this
 *   program (as the container runtime would), never through a shell, and a file that is not an
 *   executable binary or script with a #! line is not handed to /bin/sh (unlike execvp).
 *
 * Exit status when the tool could not be started: 125 for a usage or output-file error, 126 for a
 * program that exists but cannot be executed, 127 for a program not found.
 *
 * Build: gcc -static -O2 -Wall -Wextra -Werror -o capenv-exec capenv-exec.c
 * CAPENV_OUT_DIR (default "/out") may be defined at compile time for tests.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef CAPENV_OUT_DIR
#define CAPENV_OUT_DIR "/out"
#endif

#define EXIT_USAGE 125
#define EXIT_CANNOT_EXECUTE 126
#define EXIT_NOT_FOUND 127
#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

static int fail(int status, const char *what, const char *subject) {
  int saved = errno;
  fprintf(stderr, "capenv-exec: %s %s%s%s\n", what, subject, saved ? ": " : "",
          saved ? strerror(saved) : "");
  return status;
}

static int valid_name(const char *name) {
  size_t length = strlen(name);
  if (length == 0 || length > 128) {
    return 0;
  }
  for (size_t i = 0; i < length; i++) {
    char c = name[i];
    int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
      return 0;
    }
  }
  return 1;
}

/* Opens <dir>/<name> as a new file, refusing a symbolic-link folder or any existing entry. */
static int open_output(const char *name) {
  int dir = open(CAPENV_OUT_DIR, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dir < 0) {
    return -1;
  }
  int fd = openat(dir, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  int saved = errno;
  close(dir);
  errno = saved;
  return fd;
}

/* Looks <program> up in PATH and executes the first match; returns only on failure. */
static int exec_from_path(char *const argv[]) {
  const char *program = argv[0];
  const char *path = getenv("PATH");
  if (path == NULL || path[0] == '\0') {
    path = DEFAULT_PATH;
  }
  int denied = 0;
  const char *start = path;
  while (1) {
    const char *end = strchr(start, ':');
    size_t length = end ? (size_t)(end - start) : strlen(start);
    /* an empty PATH element would mean the working folder (/out): never search there */
    if (length > 0 && start[0] == '/') {
      char candidate[PATH_MAX];
      int written = snprintf(candidate, sizeof candidate, "%.*s/%s", (int)length, start, program);
      if (written > 0 && (size_t)written < sizeof candidate) {
        execv(candidate, argv);
        if (errno == EACCES) {
          denied = 1;
        } else if (errno != ENOENT && errno != ENOTDIR) {
          return fail(EXIT_CANNOT_EXECUTE, "cannot execute", candidate);
        }
      }
    }
    if (end == NULL) {
      break;
    }
    start = end + 1;
  }
  errno = denied ? EACCES : ENOENT;
  return fail(denied ? EXIT_CANNOT_EXECUTE : EXIT_NOT_FOUND, "cannot find in PATH", program);
}

int main(int argc, char *argv[]) {
  static const char prefix[] = CAPENV_OUT_DIR "/";
  if (argc < 5 || strcmp(argv[1], "--stdout") != 0 || strcmp(argv[3], "--") != 0 ||
      argv[4][0] == '\0') {
    errno = 0;
    return fail(EXIT_USAGE, "usage:", "capenv-exec --stdout " CAPENV_OUT_DIR
                "/<name> -- <program> [argument...]");
  }
  const char *file = argv[2];
  if (strncmp(file, prefix, sizeof prefix - 1) != 0 || !valid_name(file + sizeof prefix - 1)) {
    errno = 0;
    return fail(EXIT_USAGE, "--stdout must be " CAPENV_OUT_DIR "/<name> with a plain name, not",
                file);
  }
  const char *name = file + sizeof prefix - 1;
  int fd = open_output(name);
  if (fd < 0) {
    return fail(EXIT_USAGE, "cannot create", file);
  }
  if (fd != STDOUT_FILENO) {
    /* dup2 leaves the new descriptor without O_CLOEXEC: the tool inherits it as its stdout */
    if (dup2(fd, STDOUT_FILENO) < 0) {
      return fail(EXIT_USAGE, "cannot redirect standard output to", file);
    }
    close(fd);
  }
  char *const *tool = argv + 4;
  int status;
  if (strchr(tool[0], '/') != NULL) {
    execv(tool[0], tool);
    status = fail(errno == ENOENT || errno == ENOTDIR ? EXIT_NOT_FOUND : EXIT_CANNOT_EXECUTE,
                  "cannot execute", tool[0]);
  } else {
    status = exec_from_path(tool);
  }
  /* the tool never ran: leave no empty output behind */
  int dir = open(CAPENV_OUT_DIR, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dir >= 0) {
    unlinkat(dir, name, 0);
    close(dir);
  }
  return status;
}
