# Les textes après le démarrage (docs/i18n.md) ; ceux du démarrage sont dans fr.ftl.

-app = Soft Token

## Réglages → Langue

language-heading = Langue
language-label = Langue de { -app }
language-explained = { -app } suit la langue de votre navigateur tant que vous n'en choisissez pas une ici.
language-of-browser = Langue du navigateur
language-not-loaded = Cette langue n'a pas pu être téléchargée. Connectez-vous à Internet, puis choisissez-la de nouveau.

## Le parcours de l'émetteur : réactiver, activer, code d'enregistrement

reactivate-title = Réactiver { $name } ?
reactivate-warning = La réactivation efface de cet appareil les données de cette identité de jeton logiciel : ses codes cessent de fonctionner. Il vous faudra un nouveau numéro de série et un nouveau code d'activation du module libre-service pour l'activer de nouveau.
reactivate = Réactiver
activate-new-heading = Activer une identité de jeton logiciel
activate-heading = Activer { $name }
activate-intro = Saisissez le numéro de série et le code d'activation affichés par votre module libre-service, puis appuyez sur Enregistrer. Vous pouvez aussi coller un lien d'activation sécurisé.
activate-link-intro = Ceci est un lien d'activation sécurisé. Saisissez le mot de passe d'activation qui vous a été remis séparément.
activate-link-password = Mot de passe d'activation
activate-open-link = Ouvrir le lien
activate-name = Nom
activate-name-missing = Saisissez un nom pour cette identité de jeton logiciel, par exemple le nom de votre banque.
serial-number = Numéro de série
activation-code = Code d'activation
save = Enregistrer
registration-heading = Code d'enregistrement
registration-explained = Saisissez ce code d'enregistrement dans le libre-service pour terminer l'activation
done = Terminé
