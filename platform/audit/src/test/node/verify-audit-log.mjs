// An independent verifier of a Kiroku service's audit log: written from the specifications (RFC 9162 §2.1,
// C2SP tlog-checkpoint and signed-note, RFC 8785 for the leaf), with node:crypto only and no code shared with the
// Java producer. It fetches the verifier key, every checkpoint, every entry and their proofs from the running
// service and checks them all; it prints one JSON summary line and exits 0 only if everything holds.
//
//   KIROKU_TOKEN=<bearer token> node verify-audit-log.mjs <base URL> <service>
import { createHash, createPublicKey, verify as edVerify } from 'node:crypto';

const [base, service] = process.argv.slice(2);
const token = process.env.KIROKU_TOKEN;
if (!base || !service || !token) {
  console.error('usage: KIROKU_TOKEN=<token> node verify-audit-log.mjs <base URL> <service>');
  process.exit(2);
}
const api = `${base.replace(/\/$/, '')}/api/v1/audit/${service}`;

async function get(path, asText = false) {
  const res = await fetch(api + path, { headers: { Authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status}`);
  return asText ? res.text() : res.json();
}

const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();
const leafHash = (leaf) => sha256(Buffer.from([0]), leaf);
const nodeHash = (l, r) => sha256(Buffer.from([1]), l, r);
const b64 = (s) => {
  const b = Buffer.from(s, 'base64');
  if (b.toString('base64') !== s) throw new Error('not canonical base64: ' + s);
  return b;
};

// C2SP signed-note verifier key: <name>+<hex key id>+<base64(0x01 || key)>
function parseVerifierKey(text) {
  const t = text.trim();
  const i = t.indexOf('+');
  const j = t.indexOf('+', i + 1);
  if (i <= 0 || j < 0) throw new Error('malformed verifier key');
  const [name, id, key] = [t.slice(0, i), t.slice(i + 1, j), t.slice(j + 1)];
  const typed = b64(key);
  if (typed.length !== 33 || typed[0] !== 0x01) throw new Error('not an Ed25519 verifier key');
  const raw = typed.subarray(1);
  const keyId = sha256(Buffer.from(name + '\n'), Buffer.from([0x01]), raw).subarray(0, 4);
  if (keyId.toString('hex') !== id) throw new Error('verifier key id does not match');
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]);
  return { name, keyId, publicKey: createPublicKey({ key: spki, format: 'der', type: 'spki' }) };
}

// C2SP signed-note: text, blank line, signature lines "— <name> <base64(key id || signature)>"
function openNote(note, key) {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new Error('no signature block');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2).split('\n');
  if (lines.pop() !== '') throw new Error('signature block does not end in a newline');
  let ok = false;
  for (const line of lines) {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m) throw new Error('malformed signature line');
    const blob = b64(m[2]);
    if (m[1] === key.name && blob.subarray(0, 4).equals(key.keyId)) {
      if (!edVerify(null, Buffer.from(text, 'utf8'), key.publicKey, blob.subarray(4))) {
        throw new Error('signature does not verify');
      }
      ok = true;
    }
  }
  if (!ok) throw new Error('no signature by ' + key.name);
  return text;
}

// C2SP tlog-checkpoint body: origin, decimal size, base64 root, each ending in a newline
function parseCheckpoint(text, origin) {
  const lines = text.split('\n');
  if (lines.length !== 4 || lines[3] !== '') throw new Error('checkpoint is not three lines');
  if (lines[0] !== origin) throw new Error('wrong origin ' + lines[0]);
  if (!/^(0|[1-9][0-9]*)$/.test(lines[1])) throw new Error('bad size');
  const root = b64(lines[2]);
  if (root.length !== 32) throw new Error('bad root');
  return { size: BigInt(lines[1]), root };
}

// RFC 9162 §2.1.3.2
function rootFromInclusion(index, size, leaf, proof) {
  if (index >= size) return null;
  let fn = index, sn = size - 1n, r = leaf;
  for (const p of proof) {
    if (p.length !== 32 || sn === 0n) return null;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n; sn >>= 1n;
  }
  return sn === 0n ? r : null;
}

// RFC 9162 §2.1.4.2
function verifyConsistency(first, second, firstRoot, secondRoot, proof) {
  if (first > second || proof.some((p) => p.length !== 32)) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0n) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = (first & (first - 1n)) === 0n ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1n, sn = second - 1n;
  while ((fn & 1n) === 1n) { fn >>= 1n; sn >>= 1n; }
  let fr = path[0], sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr); sr = nodeHash(c, sr);
      if ((fn & 1n) === 0n) while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n; sn >>= 1n;
  }
  return sn === 0n && fr.equals(firstRoot) && sr.equals(secondRoot);
}

// RFC 8785 for the values a leaf holds (strings, integers, booleans, null, arrays, objects)
function canonical(v) {
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  if (v !== null && typeof v === 'object') {
    return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canonical(v[k])).join(',') + '}';
  }
  return JSON.stringify(v);
}

// The instant as ISO-8601 UTC with the fraction in groups of three digits (as java.time's ISO_INSTANT writes it)
function isoInstant(text) {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(text);
  if (!m) throw new Error('recordedAt is not UTC: ' + text);
  let fraction = (m[2] || '').padEnd(9, '0');
  if (/^0+$/.test(fraction)) return m[1] + 'Z';
  while (fraction.endsWith('000')) fraction = fraction.slice(0, -3);
  return `${m[1]}.${fraction}Z`;
}

function leafOf(e) {
  return Buffer.from(canonical({
    seq: e.seq, entryId: e.entryId, recordedAt: isoInstant(e.recordedAt), actor: e.actor, action: e.action,
    aggregateType: e.aggregateType, aggregateId: e.aggregateId, reason: e.reason ?? null, content: canonical(e.content),
  }), 'utf8');
}

function mustFail(what, check) {
  if (check()) throw new Error('a tampered ' + what + ' was accepted');
}

const summary = { ok: false, checkpoints: 0, entries: 0, inclusionProofs: 0, consistencyProofs: 0, bitFlipsRefused: 0 };
try {
  const key = parseVerifierKey(await get('/verifier-key', true));
  const latestNote = await get('/checkpoint', true);
  const latest = parseCheckpoint(openNote(latestNote, key), key.name);

  // every checkpoint of the history verifies, and each is consistent with the one before
  const history = [];
  for (let after = -1; ;) {
    const page = await get(`/checkpoints?after=${after}&limit=500`);
    history.push(...page.items.filter((c) => c.keyId === key.keyId.toString('hex')));
    if (page.next == null) break;
    after = page.next;
  }
  let previous = null;
  for (const item of history) {
    const cp = parseCheckpoint(openNote(item.note, key), key.name);
    summary.checkpoints++;
    if (previous) {
      const p = await get(`/proofs/consistency?firstSize=${previous.size}&secondSize=${cp.size}`);
      const proof = p.hashes.map(b64);
      if (!verifyConsistency(previous.size, cp.size, previous.root, cp.root, proof)) {
        throw new Error(`checkpoint ${cp.size} is not consistent with ${previous.size}`);
      }
      summary.consistencyProofs++;
      if (proof.length > 0 && summary.consistencyProofs === 1) {
        for (let bit = 0; bit < proof.length * 256; bit++) {
          const flipped = proof.map((h) => Buffer.from(h));
          flipped[bit >> 8][(bit & 255) >> 3] ^= 1 << (bit & 7);
          mustFail('consistency proof', () => verifyConsistency(previous.size, cp.size, previous.root, cp.root, flipped));
          summary.bitFlipsRefused++;
        }
      }
    }
    previous = cp;
  }

  // every entry's leaf rebuilt from its fields, and proved in the latest checkpoint
  for (let after = 0; ;) {
    const page = await get(`/entries?after=${after}&limit=500`);
    for (const e of page.items) {
      const hash = leafHash(leafOf(e));
      if (!hash.equals(b64(e.leafHash))) throw new Error(`entry ${e.seq}: its fields do not hash to its leaf`);
      summary.entries++;
      if (BigInt(e.leafIndex) >= latest.size) continue;
      const p = await get(`/proofs/inclusion?leafIndex=${e.leafIndex}&treeSize=${latest.size}`);
      const proof = p.hashes.map(b64);
      const root = rootFromInclusion(BigInt(e.leafIndex), latest.size, hash, proof);
      if (!root || !root.equals(latest.root)) throw new Error(`entry ${e.seq} is not in the signed checkpoint`);
      summary.inclusionProofs++;
      if (summary.inclusionProofs === 1) {
        for (let bit = 0; bit < proof.length * 256; bit++) {
          const flipped = proof.map((h) => Buffer.from(h));
          flipped[bit >> 8][(bit & 255) >> 3] ^= 1 << (bit & 7);
          const r = rootFromInclusion(BigInt(e.leafIndex), latest.size, hash, flipped);
          mustFail('inclusion proof', () => r && r.equals(latest.root));
          summary.bitFlipsRefused++;
        }
      }
    }
    if (page.next == null) break;
    after = page.next;
  }

  // every bit of the latest signed checkpoint flipped is refused: its text and the log's own signature line, what
  // the log's key covers; the lines after it by other keys (the witnesses' cosignatures, C2SP tlog-cosignature) are
  // skipped by any signed-note verifier that does not know those keys, as this one does not
  const split = latestNote.lastIndexOf('\n\n');
  const signatureLines = latestNote.slice(split + 2).split('\n').filter((line) => line !== '');
  const ownLines = signatureLines.filter((line) => line.startsWith('\u2014 ' + key.name + ' '));
  summary.otherSignatures = signatureLines.length - ownLines.length;
  const bytes = Buffer.from(latestNote.slice(0, split + 2) + ownLines.map((line) => line + '\n').join(''), 'utf8');
  for (let bit = 0; bit < bytes.length * 8; bit++) {
    const flipped = Buffer.from(bytes);
    flipped[bit >> 3] ^= 1 << (bit & 7);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(flipped);
    let accepted = false;
    try {
      if (Buffer.from(text, 'utf8').equals(flipped)) {
        parseCheckpoint(openNote(text, key), key.name);
        accepted = true;
      }
    } catch { /* refused */ }
    mustFail('signed checkpoint (bit ' + bit + ')', () => accepted);
    summary.bitFlipsRefused++;
  }
  summary.ok = true;
  summary.treeSize = Number(latest.size);
  console.log(JSON.stringify(summary));
} catch (e) {
  summary.error = e.message;
  console.log(JSON.stringify(summary));
  process.exit(1);
}
