/*
 * Checks an audit entry's inclusion proof in the browser, independently of the platform's own
 * verifier: recomputes the leaf hash from the entry's canonical bytes, folds the audit path as
 * RFC 9162 section 2.1.3.2 describes, compares the result with the root in the signed checkpoint,
 * and verifies the checkpoint's Ed25519 signature (C2SP signed note) against the verifier key with
 * WebCrypto. Every input is read from data attributes of #proof; nothing is fetched.
 */
(function () {
  "use strict";

  var section = document.getElementById("proof");
  var statusEl = document.getElementById("browser-status");
  var list = document.getElementById("browser-checks");
  if (!section || !statusEl || !list) {
    return;
  }

  function bytesFromBase64(b64) {
    var bin = atob(b64);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) {
      out[i] = bin.charCodeAt(i);
    }
    return out;
  }

  function bytesFromHex(hex) {
    if (!/^([0-9a-f]{2})*$/.test(hex)) {
      throw new Error("not lower-case hex: " + hex);
    }
    var out = new Uint8Array(hex.length / 2);
    for (var i = 0; i < out.length; i++) {
      out[i] = parseInt(hex.substr(i * 2, 2), 16);
    }
    return out;
  }

  function hex(bytes) {
    return Array.prototype.map
      .call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      })
      .join("");
  }

  function concat() {
    var total = 0;
    for (var i = 0; i < arguments.length; i++) {
      total += arguments[i].length;
    }
    var out = new Uint8Array(total);
    var at = 0;
    for (var j = 0; j < arguments.length; j++) {
      out.set(arguments[j], at);
      at += arguments[j].length;
    }
    return out;
  }

  function equal(a, b) {
    if (a.length !== b.length) {
      return false;
    }
    var diff = 0;
    for (var i = 0; i < a.length; i++) {
      diff |= a[i] ^ b[i];
    }
    return diff === 0;
  }

  async function sha256(bytes) {
    return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  }

  function leafHash(entry) {
    return sha256(concat(new Uint8Array([0]), entry));
  }

  function nodeHash(left, right) {
    return sha256(concat(new Uint8Array([1]), left, right));
  }

  /* RFC 9162 section 2.1.3.2, with indices as BigInt so that any tree size is exact. */
  async function rootFromInclusionProof(index, size, leaf, path) {
    if (index >= size) {
      throw new Error("leaf index " + index + " is not below tree size " + size);
    }
    var fn = index;
    var sn = size - 1n;
    var r = leaf;
    for (var i = 0; i < path.length; i++) {
      if (sn === 0n) {
        throw new Error("the audit path is longer than the tree allows");
      }
      if ((fn & 1n) === 1n || fn === sn) {
        r = await nodeHash(path[i], r);
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      } else {
        r = await nodeHash(r, path[i]);
      }
      fn >>= 1n;
      sn >>= 1n;
    }
    if (sn !== 0n) {
      throw new Error("the audit path is too short for the tree");
    }
    return r;
  }

  /* C2SP signed note: text, a blank line, then signature lines "— <name> <base64(keyid || sig)>". */
  function parseNote(note) {
    var split = note.lastIndexOf("\n\n");
    if (split < 0 || note.charAt(note.length - 1) !== "\n") {
      throw new Error("the signed note has no blank line before its signatures");
    }
    var text = note.substring(0, split + 1);
    var lines = text.split("\n");
    if (lines.length !== 4 || lines[3] !== "") {
      throw new Error("the checkpoint is not three lines");
    }
    var signatures = note
      .substring(split + 2)
      .split("\n")
      .filter(function (l) {
        return l.length > 0;
      })
      .map(function (l) {
        var m = /^\u2014 (\S+) (\S+)$/.exec(l);
        if (!m) {
          throw new Error("malformed signature line");
        }
        return { name: m[1], blob: bytesFromBase64(m[2]) };
      });
    return {
      text: text,
      origin: lines[0],
      size: BigInt(lines[1]),
      root: bytesFromBase64(lines[2]),
      signatures: signatures,
    };
  }

  /* Verifier key: <name>+<keyid hex8>+<base64(0x01 || 32-byte public key)>. */
  async function parseVerifierKey(vkey) {
    // the base64 key may itself contain "+": split at the first two only
    var text = vkey.trim();
    var first = text.indexOf("+");
    var second = first < 0 ? -1 : text.indexOf("+", first + 1);
    if (first <= 0 || second < 0) {
      throw new Error("the verifier key is not name+keyid+key");
    }
    var parts = [text.substring(0, first), text.substring(first + 1, second), text.substring(second + 1)];
    var tagged = bytesFromBase64(parts[2]);
    if (tagged.length !== 33 || tagged[0] !== 1) {
      throw new Error("the verifier key is not an Ed25519 key");
    }
    var name = new TextEncoder().encode(parts[0]);
    var id = (await sha256(concat(name, new Uint8Array([10]), tagged))).slice(0, 4);
    if (hex(id) !== parts[1]) {
      throw new Error("the verifier key's key id does not match its name and key");
    }
    return { name: parts[0], keyId: id, publicKey: tagged.slice(1) };
  }

  async function verifySignature(note, key) {
    var mine = note.signatures.filter(function (s) {
      return s.name === key.name && s.blob.length === 68 && equal(s.blob.slice(0, 4), key.keyId);
    });
    if (mine.length === 0) {
      return { ok: false, detail: "no signature by the verifier key " + key.name + "+" + hex(key.keyId) };
    }
    var publicKey;
    try {
      publicKey = await crypto.subtle.importKey("raw", key.publicKey, { name: "Ed25519" }, false, [
        "verify",
      ]);
    } catch (e) {
      return { ok: null, detail: "this browser's WebCrypto has no Ed25519, so the signature was not checked here" };
    }
    var valid = await crypto.subtle.verify(
      { name: "Ed25519" },
      publicKey,
      mine[0].blob.slice(4),
      new TextEncoder().encode(note.text)
    );
    return valid
      ? { ok: true, detail: "Ed25519 signature by " + key.name + "+" + hex(key.keyId) + " verifies" }
      : { ok: false, detail: "the Ed25519 signature does not verify" };
  }

  function check(ok, text) {
    var li = document.createElement("li");
    li.className = ok === true ? "check-ok" : ok === false ? "check-failed" : "check-skipped";
    li.textContent = (ok === true ? "Passed: " : ok === false ? "Failed: " : "Not checked: ") + text;
    list.appendChild(li);
    return ok;
  }

  function finish(verified, summary) {
    statusEl.textContent = "";
    var strong = document.createElement("strong");
    strong.textContent = verified ? "Verified" : "Failed";
    statusEl.appendChild(strong);
    statusEl.appendChild(document.createTextNode(": " + summary));
    statusEl.className = verified ? "verified" : "failed";
    section.setAttribute("data-browser-verified", verified ? "true" : "false");
  }

  async function run() {
    if (!window.crypto || !crypto.subtle) {
      finish(false, "this page is not in a secure context, so WebCrypto is unavailable");
      return;
    }
    var d = section.dataset;
    var index = BigInt(d.seq);
    var size = BigInt(d.treeSize);
    var entry = bytesFromBase64(d.canonical);
    var path = d.auditPath ? d.auditPath.split(",").map(bytesFromHex) : [];
    var all = true;

    var leaf = await leafHash(entry);
    all = check(hex(leaf) === d.leafHash, "leaf hash SHA-256(0x00 || entry bytes) = " + hex(leaf)) && all;

    var note = parseNote(new TextDecoder().decode(bytesFromBase64(d.note)));
    all = check(note.size === size, "the checkpoint signs a tree of " + note.size + " entries, the proof is for " + size) && all;

    var root = await rootFromInclusionProof(index, size, leaf, path);
    all =
      check(
        equal(root, note.root),
        "audit path of " + path.length + (path.length === 1 ? " hash" : " hashes") + " folds (RFC 9162) to root " + hex(root) +
          (equal(root, note.root) ? ", the checkpoint's root" : ", but the checkpoint says " + hex(note.root))
      ) && all;

    var key = await parseVerifierKey(d.verifierKey);
    check(true, "verifier key id " + hex(key.keyId) + " matches its name and key");
    var sig = await verifySignature(note, key);
    var sigOk = check(sig.ok, sig.detail);
    if (sigOk === false) {
      all = false;
    }
    if (all && sigOk === true) {
      finish(true, "entry " + index + " is in the tree of " + size + " entries that the log signed");
    } else if (all) {
      finish(true, "entry " + index + " is in the tree of " + size + " entries (signature not checked in this browser)");
    } else {
      finish(false, "see the checks below");
    }
  }

  run().catch(function (e) {
    check(false, e.message);
    finish(false, e.message);
  });
})();
