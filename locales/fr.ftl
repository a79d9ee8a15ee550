# Soft Token en français (source : en.ftl ; docs/i18n.md). Les termes de
# l'émetteur suivent Entrust : numéro de série, code d'activation, code
# d'enregistrement, réactiver.

-app = Soft Token

## Démarrage

app-opening = Ouverture…
app-reload = Recharger

## Écran du code PIN : la règle des sept jours de Safari

safari-heading = Ajoutez { -app } à l'écran d'accueil
safari-risk = Dans Safari, et dans tout navigateur sur iPhone ou iPad, vos jetons peuvent être supprimés après sept jours sans visite.
safari-keep = Pour les conserver, touchez Partager, puis « Sur l'écran d'accueil », et ouvrez { -app } depuis cet écran. Gardez aussi une sauvegarde : Réglages, puis Sauvegardes.

## Écran du code PIN : stockage supprimé par le navigateur

storage-lost-heading = Les jetons enregistrés dans ce navigateur ont disparu.
storage-lost-body = Le navigateur a supprimé le stockage de { -app } (les navigateurs le font quand l'espace manque ou quand les données des sites sont effacées). Si vous avez un fichier de sauvegarde, choisissez « Restaurer depuis une sauvegarde ». Sinon, ajoutez de nouveau vos jetons depuis vos comptes ou auprès de votre émetteur.

## Écran du code PIN : créer un code PIN

create-heading-restore = Restaurer depuis une sauvegarde
create-heading-pin = Créer un code PIN
create-heading-password = Créer un mot de passe
create-intro-restore-pin = Choisissez d'abord un code PIN pour { -app } dans ce navigateur. Ensuite, vous ouvrez votre fichier de sauvegarde et choisissez ce qu'il faut restaurer.
create-intro-restore-password = Choisissez d'abord un mot de passe pour { -app } dans ce navigateur. Ensuite, vous ouvrez votre fichier de sauvegarde et choisissez ce qu'il faut restaurer.
create-intro-pin = Votre code PIN protège vos identités de jeton logiciel sur cet appareil. Utilisez de { $min } à { $max } chiffres ; 6 est un bon choix.
create-intro-password = Votre mot de passe protège vos identités de jeton logiciel sur cet appareil. Utilisez de { $min } à { $max } caractères ; quelques mots sans rapport entre eux sont faciles à retenir et difficiles à deviner.
pin-label = Code PIN
password-label = Mot de passe
pin-again-label = Saisissez de nouveau le code PIN
password-again-label = Saisissez de nouveau le mot de passe
create-busy = Création…
create-pin-and-restore = Créer le code PIN et ouvrir une sauvegarde
create-password-and-restore = Créer le mot de passe et ouvrir une sauvegarde
create-pin = Créer le code PIN
create-password = Créer le mot de passe
use-pin-instead = Utiliser plutôt un code PIN
use-password-instead = Utiliser plutôt un mot de passe
start-without-backup = Commencer sans sauvegarde
restore-from-backup = Restaurer depuis une sauvegarde

## Écran du code PIN : saisir le code PIN

unlock-heading-pin = Saisissez votre code PIN
unlock-heading-password = Saisissez votre mot de passe
unlock-passkey-too = Utilisez ensuite votre clé d'accès : { -app } ne s'ouvre qu'avec les deux.
unlock-locked-out = Trop de codes PIN erronés. Réessayez dans { $time }.
unlock-waiting-for-passkey = En attente de votre clé d'accès…
unlock-busy = Déverrouillage…
unlock = Déverrouiller
cancel = Annuler
forgot-pin = Code PIN oublié ?
forgot-password = Mot de passe oublié ?
unlock-with-passkey = Déverrouiller avec une clé d'accès

## Codes PIN et mots de passe erronés

wrong-pin = Ce code PIN est incorrect. { $attempts ->
        [one] Il reste 1 tentative.
       *[other] Il reste { $attempts } tentatives.
    }
wrong-password = Ce mot de passe est incorrect. { $attempts ->
        [one] Il reste 1 tentative.
       *[other] Il reste { $attempts } tentatives.
    }
wrong-pin-locked-out = Ce code PIN est incorrect. Trop de codes PIN erronés : attendez la fin du compte à rebours.
locked-out = Trop de codes PIN erronés. Attendez la fin du compte à rebours.
pins-differ = Les deux codes PIN ne sont pas identiques. Saisissez-les de nouveau.
passwords-differ = Les deux mots de passe ne sont pas identiques. Saisissez-les de nouveau.

## Partout

settings = Réglages
lock = Verrouiller
update-ready = Une nouvelle version est prête
page-not-found = Cette page n'existe pas.

## Un nouveau mot de passe : sa solidité

strength-too-short = Trop court : utilisez au moins { $minimum } caractères.
strength-fair = Moyen : un mot de passe plus long, ou quelques mots sans rapport, est plus solide.
strength-strong = Solide.
