# Soft Token's messages, in English: the source every other language
# follows (docs/i18n.md). One message a text a person reads or hears;
# `.aria-label` and other attributes are messages of their own. The seed's
# terms are Entrust's: Serial Number, Activation Code, Registration Code,
# Reactivate.

-app = Soft Token

## Start

app-opening = Opening…
app-reload = Reload

## The PIN gate: Safari's seven-day rule

safari-heading = Add { -app } to your Home Screen
safari-risk = In Safari, and in every browser on an iPhone or iPad, your tokens may be deleted after seven days without a visit.
safari-keep = To keep them, tap Share, then “Add to Home Screen”, and open { -app } from there. Keep a backup too: Settings, then Backups.

## The PIN gate: storage deleted by the browser

storage-lost-heading = The tokens stored in this browser are gone.
storage-lost-body = The browser deleted { -app }'s storage (browsers do this when space runs low, or when site data is cleared). If you have a backup file, choose Restore from a backup. Otherwise, add your tokens again from your accounts or your issuer.

## The PIN gate: Create PIN

create-heading-restore = Restore from a backup
create-heading-pin = Create PIN
create-heading-password = Create a password
create-intro-restore-pin = First choose a PIN for { -app } in this browser. Then you open your backup file and choose what to restore.
create-intro-restore-password = First choose a password for { -app } in this browser. Then you open your backup file and choose what to restore.
create-intro-pin = Your PIN protects your soft token identities on this device. Use { $min } to { $max } digits; 6 is a good choice.
create-intro-password = Your password protects your soft token identities on this device. Use { $min } to { $max } characters; a few unrelated words are easy to remember and hard to guess.
pin-label = PIN
password-label = Password
pin-again-label = Enter the PIN again
password-again-label = Enter the password again
create-busy = Creating…
create-pin-and-restore = Create PIN and open a backup
create-password-and-restore = Create password and open a backup
create-pin = Create PIN
create-password = Create password
use-pin-instead = Use a PIN instead
use-password-instead = Use a password instead
start-without-backup = Start without a backup
restore-from-backup = Restore from a backup

## The PIN gate: Enter your PIN

unlock-heading-pin = Enter your PIN
unlock-heading-password = Enter your password
unlock-passkey-too = Then use your passkey: { -app } opens only with both.
unlock-locked-out = Too many wrong PINs. Try again in { $time }.
unlock-waiting-for-passkey = Waiting for your passkey…
unlock-busy = Unlocking…
unlock = Unlock
cancel = Cancel
forgot-pin = Forgot your PIN?
forgot-password = Forgot your password?
unlock-with-passkey = Unlock with a passkey

## Wrong PINs and passwords

wrong-pin = That PIN is not correct. { $attempts ->
        [one] 1 attempt left.
       *[other] { $attempts } attempts left.
    }
wrong-password = That password is not correct. { $attempts ->
        [one] 1 attempt left.
       *[other] { $attempts } attempts left.
    }
wrong-pin-locked-out = That PIN is not correct. Too many wrong PINs: wait until the countdown ends.
locked-out = Too many wrong PINs. Wait until the countdown ends.
pins-differ = The two PINs are not the same. Enter them again.
passwords-differ = The two passwords are not the same. Type them again.

## Anywhere

settings = Settings
lock = Lock
update-ready = A new version is ready
page-not-found = This page does not exist.

## A password being chosen: its strength

strength-too-short = Too short: use at least { $minimum } characters.
strength-fair = Fair: a longer password, or a few unrelated words, is stronger.
strength-strong = Strong.
