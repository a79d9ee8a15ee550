# Los textos después del inicio (docs/i18n.md); los del inicio están en es.ftl.

-app = Soft Token

## Ajustes → Idioma

language-heading = Idioma
language-label = Idioma de { -app }
language-explained = { -app } usa el idioma de tu navegador hasta que elijas uno aquí.
language-of-browser = Idioma del navegador
language-not-loaded = No se ha podido descargar este idioma. Conéctate a internet y vuelve a elegirlo.

## El flujo del emisor: reactivar, activar, código de registro

reactivate-title = ¿Reactivar { $name }?
reactivate-warning = Al reactivar se borran de este dispositivo los datos de esta identidad de token de software: sus códigos dejan de funcionar. Necesitarás un nuevo número de serie y un nuevo código de activación del módulo de autoservicio para volver a activarla.
reactivate = Reactivar
activate-new-heading = Activar una identidad de token de software
activate-heading = Activar { $name }
activate-intro = Escribe el número de serie y el código de activación que muestra tu módulo de autoservicio y pulsa Guardar. También puedes pegar un enlace de activación seguro.
activate-link-intro = Este es un enlace de activación seguro. Escribe la contraseña de activación que recibiste por separado.
activate-link-password = Contraseña de activación
activate-open-link = Abrir enlace
activate-name = Nombre
activate-name-missing = Escribe un nombre para esta identidad de token de software, por ejemplo el nombre de tu banco.
serial-number = Número de serie
activation-code = Código de activación
save = Guardar
registration-heading = Código de registro
registration-explained = Introduce este código de registro en el autoservicio para completar la activación
done = Listo
