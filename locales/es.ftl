# Soft Token en español (fuente: en.ftl; docs/i18n.md). Los términos del
# emisor siguen a Entrust: número de serie, código de activación, código
# de registro, reactivar.

-app = Soft Token

## Inicio

app-opening = Abriendo…
app-reload = Volver a cargar

## Pantalla del PIN: la regla de siete días de Safari

safari-heading = Añade { -app } a tu pantalla de inicio
safari-risk = En Safari, y en cualquier navegador de un iPhone o iPad, tus tokens pueden borrarse tras siete días sin visitas.
safari-keep = Para conservarlos, toca Compartir y luego «Añadir a pantalla de inicio», y abre { -app } desde allí. Guarda también una copia de seguridad: Ajustes y luego Copias de seguridad.

## Pantalla del PIN: almacenamiento borrado por el navegador

storage-lost-heading = Los tokens guardados en este navegador ya no están.
storage-lost-body = El navegador borró el almacenamiento de { -app } (los navegadores lo hacen cuando falta espacio o cuando se borran los datos de los sitios). Si tienes un archivo de copia de seguridad, elige «Restaurar desde una copia de seguridad». Si no, vuelve a añadir tus tokens desde tus cuentas o con tu emisor.

## Pantalla del PIN: crear el PIN

create-heading-restore = Restaurar desde una copia de seguridad
create-heading-pin = Crear PIN
create-heading-password = Crear una contraseña
create-intro-restore-pin = Primero elige un PIN para { -app } en este navegador. Después abres tu archivo de copia de seguridad y eliges qué restaurar.
create-intro-restore-password = Primero elige una contraseña para { -app } en este navegador. Después abres tu archivo de copia de seguridad y eliges qué restaurar.
create-intro-pin = Tu PIN protege tus identidades de token de software en este dispositivo. Usa de { $min } a { $max } dígitos; 6 es una buena elección.
create-intro-password = Tu contraseña protege tus identidades de token de software en este dispositivo. Usa de { $min } a { $max } caracteres; unas cuantas palabras sin relación entre sí son fáciles de recordar y difíciles de adivinar.
pin-label = PIN
password-label = Contraseña
pin-again-label = Vuelve a escribir el PIN
password-again-label = Vuelve a escribir la contraseña
create-busy = Creando…
create-pin-and-restore = Crear PIN y abrir una copia de seguridad
create-password-and-restore = Crear contraseña y abrir una copia de seguridad
create-pin = Crear PIN
create-password = Crear contraseña
use-pin-instead = Usar un PIN en su lugar
use-password-instead = Usar una contraseña en su lugar
start-without-backup = Empezar sin copia de seguridad
restore-from-backup = Restaurar desde una copia de seguridad

## Pantalla del PIN: escribir el PIN

unlock-heading-pin = Escribe tu PIN
unlock-heading-password = Escribe tu contraseña
unlock-passkey-too = Después usa tu llave de acceso: { -app } solo se abre con ambos.
unlock-locked-out = Demasiados PIN incorrectos. Vuelve a intentarlo dentro de { $time }.
unlock-waiting-for-passkey = Esperando tu llave de acceso…
unlock-busy = Desbloqueando…
unlock = Desbloquear
cancel = Cancelar
forgot-pin = ¿Has olvidado tu PIN?
forgot-password = ¿Has olvidado tu contraseña?
unlock-with-passkey = Desbloquear con una llave de acceso

## PIN y contraseñas incorrectos

wrong-pin = Ese PIN no es correcto. { $attempts ->
        [one] Queda 1 intento.
       *[other] Quedan { $attempts } intentos.
    }
wrong-password = Esa contraseña no es correcta. { $attempts ->
        [one] Queda 1 intento.
       *[other] Quedan { $attempts } intentos.
    }
wrong-pin-locked-out = Ese PIN no es correcto. Demasiados PIN incorrectos: espera a que termine la cuenta atrás.
locked-out = Demasiados PIN incorrectos. Espera a que termine la cuenta atrás.
pins-differ = Los dos PIN no coinciden. Vuelve a escribirlos.
passwords-differ = Las dos contraseñas no coinciden. Vuelve a escribirlas.

## En cualquier lugar

settings = Ajustes
lock = Bloquear
update-ready = Hay una versión nueva lista
page-not-found = Esta página no existe.

## Una contraseña nueva: su seguridad

strength-too-short = Demasiado corta: usa al menos { $minimum } caracteres.
strength-fair = Aceptable: una contraseña más larga, o unas cuantas palabras sin relación, es más segura.
strength-strong = Segura.
