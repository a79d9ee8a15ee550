"""Computes the known answers of docs/transaction-verification.md from the
spec's text alone (Python's hmac and hashlib), as a second implementation
of the transcript, the MAC and the confirmation code. Run:
    python3 crates/otp/tests/transaction_known_answer.py
and compare with the spec's table and crates/otp/tests/transaction.rs."""
import hashlib
import hmac
import struct

secret = b"12345678901234567890123456789012"
serial = "12211-49352"
suite = "OCRA-1:HOTP-SHA256-8:QH32-S032"
challenge = b"0123456789abcdef"
issued_at, lifetime = 1_800_000_000, 300
details = [("Amount", "125.00 EUR"), ("Payee", "ACME Ltd")]


def text(value):
    data = value.encode()
    return struct.pack(">I", len(data)) + data


transcript = b"softtoken-transaction/1\x00" + text(serial) + text(suite) + challenge
transcript += struct.pack(">QII", issued_at, lifetime, len(details))
for label, value in details:
    transcript += text(label) + text(value)

mac_key = hmac.new(secret, b"softtoken-transaction/mac-key/1", hashlib.sha256).digest()
mac = hmac.new(mac_key, transcript, hashlib.sha256).hexdigest()

# OCRA (RFC 6287 §5.1) for QH32-S032: suite, 0x00, the challenge's hex
# digits left-aligned in 128 bytes, SHA-256(transcript) left-aligned in 32.
question = bytes.fromhex(challenge.hex().upper()).ljust(128, b"\x00")
session = hashlib.sha256(transcript).digest().ljust(32, b"\x00")
message = suite.encode() + b"\x00" + question + session
digest = hmac.new(secret, message, hashlib.sha256).digest()
offset = digest[-1] & 0x0F
code = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 10**8
print("mac", mac)
print("code", f"{code:08d}")
