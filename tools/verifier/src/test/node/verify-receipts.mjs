// An independent verifier of Kiroku's receipts: a disclosure answer ({"records": [...]}) or a regulator export (a JSON
// array of records) checked against the receipts it links to and the log's published verifier key. Written from the
// specifications (RFC 9162 §2.1, C2SP tlog-proof, tlog-checkpoint and signed-note) in JavaScript with node:crypto only:
// no npm packages, no network, no code shared with the Java services or the Java offline verifier (tools/verifier).
//
//   node verify-receipts.mjs --key <verifier key> [--key <verifier key>]... <answer.json> <receipts.json>
//
// A record recorded alone is proven by one proof: its audit leaf (the tlog-proof's extra data) names the SHA-256 of its
// content and is in the signed checkpoint. A record of a batch by two: its row "<id> <SHA-256(content)>\n" is leaf
// `index` of the batch's Merkle tree (the receipt's batchInclusion leads it up to the recordsRoot the batch's leaf
// holds, a tree of the leaf's count rows), and the batch's leaf is in the signed checkpoint. Batches of the earlier
// flat form (a leaf with recordsSha256) are proven by all of their rows (batchRows), whose SHA-256 is that digest.
//
// Prints one line per record, "VALID   <id> ..." or "INVALID <id> <why>: ...", then one JSON summary line; for every
// record proven through a batch proof, also checks that each single bit flipped in that proof is refused. Exits 0 when
// every record is proven, 1 when one is not, 2 when the input cannot be used.
import { createHash, createPublicKey, verify as edVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const HEADER = 'c2sp.org/tlog-proof@v1';
const BATCH = 'provision.batch-recorded';
const DISCLOSED_FACTS = ['direction', 'providedOn', 'period', 'counterparty', 'dataItems', 'otherItems', 'legalBasis'];
const EXPORTED_FACTS = [...DISCLOSED_FACTS, 'clientEventId', 'method', 'contractRef', 'goodsOrServices', 'consentRef',
  'acquisitionCircumstances', 'ppcPublicationRef', 'order11Ground'];

const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();
const sha256Hex = (text) => sha256(Buffer.from(text, 'utf8')).toString('hex');
const leafHash = (leaf) => sha256(Buffer.from([0]), leaf);
const nodeHash = (l, r) => sha256(Buffer.from([1]), l, r);

/** Canonical base64 only, else null. */
function b64(s) {
  if (typeof s !== 'string') return null;
  const b = Buffer.from(s, 'base64');
  return b.toString('base64') === s ? b : null;
}

class Unusable extends Error {}

// C2SP signed-note verifier key: <name>+<hex key id>+<base64(0x01 || Ed25519 key)>
function parseVerifierKey(text) {
  const t = text.trim();
  const i = t.indexOf('+');
  const j = t.indexOf('+', i + 1);
  if (i <= 0 || j < 0) throw new Unusable('a verifier key is <name>+<8 hex digits>+<base64 key>');
  const [name, id, key] = [t.slice(0, i), t.slice(i + 1, j), t.slice(j + 1)];
  const typed = b64(key);
  if (!/^[0-9a-f]{8}$/.test(id) || !typed || typed.length !== 33 || typed[0] !== 0x01) {
    throw new Unusable('only Ed25519 verifier keys (type 0x01, 32 bytes) are supported');
  }
  const keyId = sha256(Buffer.from(name + '\n', 'utf8'), typed).subarray(0, 4);
  if (keyId.toString('hex') !== id) throw new Unusable('the key id in the verifier key does not match its name and key');
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), typed.subarray(1)]);
  return { name, keyId, text: `${name}+${id}`, publicKey: createPublicKey({ key: spki, format: 'der', type: 'spki' }) };
}

// RFC 9162 §2.1.3.2: the root an audit path leads to from leaf `index` of a tree of `size`, or null
function rootFromInclusion(index, size, leaf, proof) {
  if (index < 0n || index >= size) return null;
  let fn = index, sn = size - 1n, r = leaf;
  for (const p of proof) {
    if (p.length !== 32 || sn === 0n) return null;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n; sn >>= 1n;
  }
  return sn === 0n ? r : null;
}

// Key-order-free comparison of JSON values (what the document shows and what was logged)
function canonical(v) {
  if (v === undefined) return 'null';
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  if (v !== null && typeof v === 'object') {
    return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canonical(v[k])).join(',') + '}';
  }
  return JSON.stringify(v);
}

// C2SP tlog-proof: header, "extra <base64 leaf>", "index <n>", the proof hashes, a blank line, the signed checkpoint
function parseProof(text) {
  if (typeof text !== 'string') throw new Error('no tlog-proof');
  const split = text.indexOf('\n\n');
  if (split < 0) throw new Error('not a tlog-proof: no blank line before the checkpoint');
  const head = text.slice(0, split).split('\n');
  if (head[0] !== HEADER) throw new Error('not a tlog-proof: the first line is not ' + HEADER);
  if (!head[1] || !head[1].startsWith('extra ')) throw new Error('the receipt carries no leaf (extra data)');
  const leaf = b64(head[1].slice(6));
  if (!leaf) throw new Error('the extra data is not base64');
  const m = /^index (0|[1-9][0-9]{0,18})$/.exec(head[2] ?? '');
  if (!m) throw new Error("no 'index <n>' line");
  const hashes = head.slice(3).map((line, i) => {
    const h = b64(line);
    if (!h || h.length !== 32) throw new Error(`proof line ${i + 1} is not the base64 of a hash`);
    return h;
  });
  const note = text.slice(split + 2);
  const sigs = note.indexOf('\n\n');
  if (sigs < 0 || !note.endsWith('\n')) throw new Error('the checkpoint is not a signed note');
  const body = note.slice(0, sigs + 1);
  const lines = body.split('\n');
  if (lines.length < 4 || !/^(0|[1-9][0-9]{0,18})$/.test(lines[1])) {
    throw new Error('the checkpoint is not origin, size and root hash');
  }
  const root = b64(lines[2]);
  if (!root || root.length !== 32) throw new Error("the checkpoint's root hash is not the base64 of a hash");
  const signatures = note.slice(sigs + 2, -1).split('\n').map((line) => {
    const s = /^\u2014 (\S+) (\S+)$/.exec(line);
    const blob = s && b64(s[2]);
    if (!blob || blob.length < 5) throw new Error("a signature line is not '— <name> <base64>'");
    return { name: s[1], keyId: blob.subarray(0, 4), signature: blob.subarray(4) };
  });
  return { leaf, index: BigInt(m[1]), hashes, body, origin: lines[0], size: BigInt(lines[1]), root, signatures };
}

const invalid = (id, kind, reason) => ({ id, valid: false, kind, reason });
const valid = (id, how) => ({ id, valid: true, reason: how });

function checkSignature(id, proof, keys) {
  let known = false;
  for (const s of proof.signatures) {
    for (const key of keys) {
      if (key.name !== s.name || !key.keyId.equals(s.keyId)) continue;
      known = true;
      if (!edVerify(null, Buffer.from(proof.body, 'utf8'), key.publicKey, s.signature)) {
        return invalid(id, 'bad-signature', `the signature by ${key.text} does not verify`);
      }
      if (key.name !== proof.origin) {
        return invalid(id, 'unknown-key', `the checkpoint is of origin ${proof.origin}, signed by the key of ${key.name}`);
      }
    }
  }
  return known ? null : invalid(id, 'unknown-key', 'the checkpoint is signed by none of the keys given ('
    + keys.map((k) => k.text).join(', ') + ')');
}

// The second proof of a record of a batch: its row up the batch proof to the batch leaf's recordsRoot
function recordInBatch(id, contentSha256, inclusion, entry, change, where) {
  if (entry.action !== BATCH) {
    return invalid(id, 'leaf-mismatch', `the receipt gives a batch proof but the leaf (entry ${entry.seq}) is a '${entry.action}' entry`);
  }
  if (!('recordsRoot' in change)) {
    return invalid(id, 'leaf-mismatch', `the receipt gives a batch proof but the batch's leaf (entry ${entry.seq}) holds no Merkle root (recordsRoot)`);
  }
  const batchRoot = b64(change.recordsRoot);
  if (!batchRoot || batchRoot.length !== 32) {
    return invalid(id, 'leaf-mismatch', `the batch's leaf (entry ${entry.seq}) holds a recordsRoot that is not the base64 of a hash`);
  }
  const { index, size, hashes } = inclusion ?? {};
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || !Array.isArray(hashes)) {
    return invalid(id, 'malformed', 'the batch proof is not an index, a size and a list of hashes');
  }
  const path = [];
  for (const h of hashes) {
    const bytes = b64(h);
    if (!bytes || bytes.length !== 32) return invalid(id, 'malformed', `batch proof hash ${path.length + 1} is not the base64 of a hash`);
    path.push(bytes);
  }
  if (!Number.isSafeInteger(change.count) || size !== change.count) {
    return invalid(id, 'leaf-mismatch', `the batch proof is for a batch of ${size} rows, but the batch's leaf (entry ${entry.seq}) recorded ${change.count}`);
  }
  const row = Buffer.from(`${id} ${contentSha256}\n`, 'ascii');
  const root = rootFromInclusion(BigInt(index), BigInt(size), leafHash(row), path);
  if (!root || !root.equals(batchRoot)) {
    return invalid(id, 'batch-proof-does-not-reach-root', `the record's row (${id} ${contentSha256}) at index ${index} does not lead up the batch proof to the Merkle root of the ${change.count} rows the batch's leaf (entry ${entry.seq}) recorded`);
  }
  return valid(id, `${where}, row ${index} of a batch of ${size}`);
}

// A record of a batch of the earlier flat form: all its rows, whose SHA-256 is the leaf's recordsSha256
function recordAmongRows(id, contentSha256, batchRows, entry, change, where) {
  if (entry.action !== BATCH) {
    return invalid(id, 'leaf-mismatch', `the receipt gives batch rows but the leaf is a '${entry.action}' entry`);
  }
  if (!('recordsSha256' in change)) {
    return invalid(id, 'leaf-mismatch', `the receipt gives batch rows but the batch's leaf (entry ${entry.seq}) holds a Merkle root: the record is proven by its batch proof (batchInclusion)`);
  }
  if (!Array.isArray(batchRows)) return invalid(id, 'malformed', 'batchRows is not a list of rows');
  const rows = batchRows.map((r) => `${r}\n`).join('');
  if (sha256Hex(rows) !== change.recordsSha256 || change.count !== batchRows.length) {
    return invalid(id, 'leaf-mismatch', 'the batch rows are not the rows the leaf recorded');
  }
  if (!batchRows.includes(`${id} ${contentSha256}`)) {
    return invalid(id, 'leaf-mismatch', 'the record with this content is not among the rows of its batch');
  }
  return valid(id, `${where} (a batch of ${batchRows.length}, its rows given)`);
}

function verifyRecord(id, record, receipt, facts, isExport, keys) {
  let event, content;
  try {
    if (typeof receipt.event !== 'string' || typeof receipt.content !== 'string') throw new Error('not text');
    event = JSON.parse(receipt.event);
    content = JSON.parse(receipt.content);
  } catch {
    return invalid(id, 'malformed', "the receipt's event or content is not JSON");
  }
  // 1. the facts shown are the facts logged
  for (const field of facts) {
    if (canonical(record[field]) !== canonical(event?.[field])) {
      return invalid(id, 'facts-differ', `'${field}' is ${canonical(record[field])} in the document but ${canonical(event?.[field])} in the logged record`);
    }
  }
  // 2. the event and the content are this record's
  const contentSha256 = sha256Hex(receipt.content);
  if (content?.id !== id) return invalid(id, 'content-mismatch', `the receipt's content is of record ${content?.id}`);
  if (sha256Hex(receipt.event) !== content.eventSha256) {
    return invalid(id, 'content-mismatch', "SHA-256 of the event is not the content's eventSha256");
  }
  if (isExport && contentSha256 !== record.contentSha256) {
    return invalid(id, 'content-mismatch', 'SHA-256 of the content is not the exported contentSha256');
  }
  // 3. a checkpoint signed by a given key, 4. the leaf in it
  let proof;
  try {
    proof = parseProof(receipt.proof);
  } catch (e) {
    return invalid(id, 'malformed', e.message);
  }
  const signature = checkSignature(id, proof, keys);
  if (signature) return signature;
  const root = rootFromInclusion(proof.index, proof.size, leafHash(proof.leaf), proof.hashes);
  if (!root || !root.equals(proof.root)) {
    return invalid(id, 'proof-does-not-reach-root', `the inclusion proof of leaf ${proof.index} does not lead to the root of the checkpoint of size ${proof.size}`);
  }
  let entry, change;
  try {
    entry = JSON.parse(proof.leaf.toString('utf8'));
    change = JSON.parse(entry.content);
    if (change === null || typeof change !== 'object') throw new Error('not an object');
  } catch {
    return invalid(id, 'leaf-mismatch', 'the leaf is not the JSON of an audit entry');
  }
  if (!Number.isSafeInteger(entry.seq) || BigInt(entry.seq) !== proof.index + 1n) {
    return invalid(id, 'leaf-mismatch', `the leaf is entry ${entry.seq}, not the entry at index ${proof.index}`);
  }
  // 5. the leaf names the record: alone, or through its batch
  const where = `leaf ${proof.index} in ${proof.origin} checkpoint of size ${proof.size}`;
  if ('batchInclusion' in receipt) return recordInBatch(id, contentSha256, receipt.batchInclusion, entry, change, where);
  if ('batchRows' in receipt) return recordAmongRows(id, contentSha256, receipt.batchRows, entry, change, where);
  if (entry.action === BATCH) {
    return invalid(id, 'leaf-mismatch', `the leaf (entry ${entry.seq}) is a batch of ${change.count} records, and the receipt gives no proof of the record in it (batchInclusion)`);
  }
  if (change.id !== id || change.contentSha256 !== contentSha256) {
    return invalid(id, 'leaf-mismatch', `the leaf (entry ${entry.seq}) names record ${change.id} with content ${change.contentSha256}, not this record's content ${contentSha256}`);
  }
  return valid(id, where);
}

// Every single bit of a valid batch proof flipped (each hash's 256 bits, index and size) must be refused
function flippedBatchProofsRefused(id, record, receipt, facts, isExport, keys) {
  const original = receipt.batchInclusion;
  const variants = [];
  original.hashes.forEach((h, i) => {
    const bytes = Buffer.from(h, 'base64');
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const flipped = Buffer.from(bytes);
      flipped[bit >> 3] ^= 1 << (bit & 7);
      const hashes = [...original.hashes];
      hashes[i] = flipped.toString('base64');
      variants.push({ ...original, hashes });
    }
  });
  for (let bit = 0; bit < 53; bit++) {
    const flip = (n) => Number(BigInt(n) ^ (1n << BigInt(bit)));
    variants.push({ ...original, index: flip(original.index) }, { ...original, size: flip(original.size) });
  }
  for (const variant of variants) {
    const verdict = verifyRecord(id, record, { ...receipt, batchInclusion: variant }, facts, isExport, keys);
    if (verdict.valid) throw new Error(`a batch proof of ${id} with one bit flipped was accepted: ${JSON.stringify(variant)}`);
  }
  return variants.length;
}

function main(argv) {
  const keys = [];
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--key') keys.push(parseVerifierKey(argv[++i] ?? ''));
    else if (argv[i] === '--key-file') keys.push(parseVerifierKey(readFileSync(argv[++i] ?? '', 'utf8')));
    else if (argv[i].startsWith('--')) throw new Unusable('unknown option ' + argv[i]);
    else files.push(argv[i]);
  }
  if (keys.length === 0 || files.length !== 2) throw new Unusable('give at least one --key, the answer and its receipts');
  let document, bundle;
  try {
    document = JSON.parse(readFileSync(files[0], 'utf8'));
    bundle = JSON.parse(readFileSync(files[1], 'utf8'));
  } catch (e) {
    throw new Unusable(e.message);
  }
  const isExport = Array.isArray(document);
  const records = isExport ? document : document?.records;
  if (!Array.isArray(records)) {
    throw new Unusable('the document is neither a disclosure answer (with records) nor an export (an array of records)');
  }
  const facts = isExport ? EXPORTED_FACTS : DISCLOSED_FACTS;
  const byRecord = new Map();
  for (const r of bundle?.receipts ?? []) if (!byRecord.has(String(r.recordId))) byRecord.set(String(r.recordId), r);
  const summary = { ok: false, records: records.length, valid: 0, batchProofs: 0, flatBatches: 0, bitFlipsRefused: 0 };
  for (const record of records) {
    const id = String(isExport ? record.id : record.recordId);
    const receipt = byRecord.get(id);
    const verdict = receipt ? verifyRecord(id, record, receipt, facts, isExport, keys)
      : invalid(id, 'no-receipt', 'no receipt is given for it');
    console.log(verdict.valid ? `VALID   ${id} ${verdict.reason}` : `INVALID ${id} ${verdict.kind}: ${verdict.reason}`);
    if (!verdict.valid) continue;
    summary.valid++;
    if ('batchInclusion' in receipt) {
      summary.batchProofs++;
      summary.bitFlipsRefused += flippedBatchProofsRefused(id, record, receipt, facts, isExport, keys);
    } else if ('batchRows' in receipt) {
      summary.flatBatches++;
    }
  }
  summary.ok = summary.valid === records.length;
  console.log(JSON.stringify(summary));
  return summary.ok ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof Unusable) {
    console.error('verify-receipts: ' + e.message);
    console.error('usage: node verify-receipts.mjs --key <verifier key> [--key <verifier key>]... <answer.json> <receipts.json>');
    process.exitCode = 2;
  } else {
    console.error('verify-receipts: ' + e.message);
    process.exitCode = 1;
  }
}
