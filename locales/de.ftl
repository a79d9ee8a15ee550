# Soft Token auf Deutsch (Quelle: en.ftl; docs/i18n.md). Die Begriffe des
# Herausgebers folgen Entrust: Seriennummer, Aktivierungscode,
# Registrierungscode, Reaktivieren.

-app = Soft Token

## Start

app-opening = Wird geöffnet …
app-reload = Neu laden

## PIN-Abfrage: Safaris Sieben-Tage-Regel

safari-heading = { -app } zum Home-Bildschirm hinzufügen
safari-risk = In Safari und in jedem Browser auf einem iPhone oder iPad können Ihre Token nach sieben Tagen ohne Besuch gelöscht werden.
safari-keep = Damit sie erhalten bleiben, tippen Sie auf „Teilen“ und dann auf „Zum Home-Bildschirm“, und öffnen Sie { -app } von dort. Legen Sie außerdem eine Sicherung an: Einstellungen, dann Sicherungen.

## PIN-Abfrage: vom Browser gelöschter Speicher

storage-lost-heading = Die in diesem Browser gespeicherten Token sind nicht mehr da.
storage-lost-body = Der Browser hat den Speicher von { -app } gelöscht (das tun Browser, wenn der Platz knapp wird oder Websitedaten gelöscht werden). Wenn Sie eine Sicherungsdatei haben, wählen Sie „Aus einer Sicherung wiederherstellen“. Andernfalls fügen Sie Ihre Token erneut über Ihre Konten oder Ihren Herausgeber hinzu.

## PIN-Abfrage: PIN erstellen

create-heading-restore = Aus einer Sicherung wiederherstellen
create-heading-pin = PIN erstellen
create-heading-password = Passwort erstellen
create-intro-restore-pin = Wählen Sie zuerst eine PIN für { -app } in diesem Browser. Danach öffnen Sie Ihre Sicherungsdatei und wählen aus, was wiederhergestellt wird.
create-intro-restore-password = Wählen Sie zuerst ein Passwort für { -app } in diesem Browser. Danach öffnen Sie Ihre Sicherungsdatei und wählen aus, was wiederhergestellt wird.
create-intro-pin = Ihre PIN schützt Ihre Soft-Token-Identitäten auf diesem Gerät. Verwenden Sie { $min } bis { $max } Ziffern; 6 sind eine gute Wahl.
create-intro-password = Ihr Passwort schützt Ihre Soft-Token-Identitäten auf diesem Gerät. Verwenden Sie { $min } bis { $max } Zeichen; einige Wörter ohne Zusammenhang sind leicht zu merken und schwer zu erraten.
pin-label = PIN
password-label = Passwort
pin-again-label = PIN erneut eingeben
password-again-label = Passwort erneut eingeben
create-busy = Wird erstellt …
create-pin-and-restore = PIN erstellen und Sicherung öffnen
create-password-and-restore = Passwort erstellen und Sicherung öffnen
create-pin = PIN erstellen
create-password = Passwort erstellen
use-pin-instead = Stattdessen eine PIN verwenden
use-password-instead = Stattdessen ein Passwort verwenden
start-without-backup = Ohne Sicherung beginnen
restore-from-backup = Aus einer Sicherung wiederherstellen

## PIN-Abfrage: PIN eingeben

unlock-heading-pin = Geben Sie Ihre PIN ein
unlock-heading-password = Geben Sie Ihr Passwort ein
unlock-passkey-too = Verwenden Sie danach Ihren Passkey: { -app } öffnet sich nur mit beidem.
unlock-locked-out = Zu viele falsche PINs. Versuchen Sie es in { $time } erneut.
unlock-waiting-for-passkey = Warten auf Ihren Passkey …
unlock-busy = Wird entsperrt …
unlock = Entsperren
cancel = Abbrechen
forgot-pin = PIN vergessen?
forgot-password = Passwort vergessen?
unlock-with-passkey = Mit einem Passkey entsperren

## Falsche PINs und Passwörter

wrong-pin = Diese PIN ist nicht korrekt. { $attempts ->
        [one] Noch 1 Versuch.
       *[other] Noch { $attempts } Versuche.
    }
wrong-password = Dieses Passwort ist nicht korrekt. { $attempts ->
        [one] Noch 1 Versuch.
       *[other] Noch { $attempts } Versuche.
    }
wrong-pin-locked-out = Diese PIN ist nicht korrekt. Zu viele falsche PINs: Warten Sie, bis der Countdown abgelaufen ist.
locked-out = Zu viele falsche PINs. Warten Sie, bis der Countdown abgelaufen ist.
pins-differ = Die beiden PINs stimmen nicht überein. Geben Sie sie erneut ein.
passwords-differ = Die beiden Passwörter stimmen nicht überein. Geben Sie sie erneut ein.

## Überall

settings = Einstellungen
lock = Sperren
update-ready = Eine neue Version ist bereit
page-not-found = Diese Seite gibt es nicht.

## Ein neues Passwort: seine Stärke

strength-too-short = Zu kurz: Verwenden Sie mindestens { $minimum } Zeichen.
strength-fair = Mittel: Ein längeres Passwort oder einige Wörter ohne Zusammenhang sind stärker.
strength-strong = Stark.
