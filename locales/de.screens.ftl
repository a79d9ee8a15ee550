# Die Texte nach dem Start (docs/i18n.md); die des Starts stehen in de.ftl.

-app = Soft Token

## Einstellungen → Sprache

language-heading = Sprache
language-label = Sprache von { -app }
language-explained = { -app } folgt der Sprache Ihres Browsers, bis Sie hier eine auswählen.
language-of-browser = Sprache des Browsers
language-not-loaded = Diese Sprache konnte nicht heruntergeladen werden. Stellen Sie eine Internetverbindung her und wählen Sie sie dann erneut.

## Der Ablauf des Herausgebers: Reaktivieren, aktivieren, Registrierungscode

reactivate-title = { $name } reaktivieren?
reactivate-warning = Beim Reaktivieren werden die Daten dieser Soft-Token-Identität von diesem Gerät gelöscht: Ihre Codes funktionieren dann nicht mehr. Um sie erneut zu aktivieren, benötigen Sie eine neue Seriennummer und einen neuen Aktivierungscode aus dem Self-Service-Modul.
reactivate = Reaktivieren
activate-new-heading = Eine Soft-Token-Identität aktivieren
activate-heading = { $name } aktivieren
activate-intro = Geben Sie die Seriennummer und den Aktivierungscode aus Ihrem Self-Service-Modul ein und tippen Sie dann auf „Speichern“. Sie können auch einen sicheren Aktivierungslink einfügen.
activate-link-intro = Dies ist ein sicherer Aktivierungslink. Geben Sie das Aktivierungspasswort ein, das Sie separat erhalten haben.
activate-link-password = Aktivierungspasswort
activate-open-link = Link öffnen
activate-name = Name
activate-name-missing = Geben Sie einen Namen für diese Soft-Token-Identität ein, zum Beispiel den Namen Ihrer Bank.
serial-number = Seriennummer
activation-code = Aktivierungscode
save = Speichern
registration-heading = Registrierungscode
registration-explained = Geben Sie diesen Registrierungscode im Self-Service ein, um die Aktivierung abzuschließen
done = Fertig
