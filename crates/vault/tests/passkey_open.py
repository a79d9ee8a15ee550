#!/usr/bin/env python3
"""Opens a Soft Token vault record through a passkey slot with Python's own
primitives (the cryptography package's HKDF, Argon2id and AES-GCM),
independently of Soft Token's Rust, as docs/vault-format.md specifies, and
prints the document JSON. Usage:
  passkey_open.py RECORD_FILE PRF_OUTPUT_HEX [PIN]
Without PIN it uses the `webauthn-prf` slot, with PIN the
`pin+webauthn-prf` slot."""
import base64, json, struct, sys
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

record = open(sys.argv[1]).read()
header, body_text = record.split("\n", 1)
body = json.loads(body_text)
prf = bytes.fromhex(sys.argv[2])
pin = sys.argv[3] if len(sys.argv) > 3 else None
kind = "pin+webauthn-prf" if pin is not None else "webauthn-prf"
version = struct.pack(">I", body["version"])
vault_id = body["id"].encode()
b64 = base64.b64decode

def aad(domain, extra):
    return domain + version + vault_id + b"/" + extra

for slot in body["slots"]:
    if slot["type"] != kind:
        continue
    ikm = prf
    if pin is not None:
        kdf = slot["kdf"]
        ikm += Argon2id(salt=b64(kdf["salt"]), length=32, iterations=kdf["iterations"],
                        lanes=kdf["parallelism"], memory_cost=kdf["memory_kib"]).derive(pin.encode())
    kek = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
               info=b"softtoken-vault/kek/" + kind.encode() + version + vault_id).derive(ikm)
    data_key = AESGCM(kek).decrypt(b64(slot["nonce"]), b64(slot["wrapped_key"]),
                                   aad(b"softtoken-vault/slot/" + kind.encode(), slot["id"].encode()))
    plain = AESGCM(data_key).decrypt(b64(body["nonce"]), b64(body["ciphertext"]),
                                     aad(b"softtoken-vault/payload", b""))
    print(plain.decode())
    break
else:
    sys.exit("no " + kind + " slot")
