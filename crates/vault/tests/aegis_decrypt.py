#!/usr/bin/env python3
"""Decrypts an Aegis vault with Python's own primitives (hashlib.scrypt and
the cryptography package's AES-GCM), independently of Soft Token's Rust,
and prints its database JSON. Usage: aegis_decrypt.py FILE PASSWORD"""
import base64, hashlib, json, sys
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

vault = json.load(open(sys.argv[1]))
password = sys.argv[2].encode()
params = vault["header"]["params"]
for slot in vault["header"]["slots"]:
    if slot["type"] != 1:
        continue
    derived = hashlib.scrypt(password, salt=bytes.fromhex(slot["salt"]), n=slot["n"],
                             r=slot["r"], p=slot["p"], maxmem=2**26, dklen=32)
    wrapped = bytes.fromhex(slot["key"]) + bytes.fromhex(slot["key_params"]["tag"])
    master = AESGCM(derived).decrypt(bytes.fromhex(slot["key_params"]["nonce"]), wrapped, None)
    db = base64.b64decode(vault["db"]) + bytes.fromhex(params["tag"])
    print(AESGCM(master).decrypt(bytes.fromhex(params["nonce"]), db, None).decode())
    break
else:
    sys.exit("no password slot")
