# Soft Token's messages past the start path (docs/i18n.md): fetched once the
# first screen is up. The start path's are in en.ftl.

-app = Soft Token

## Settings → Language

language-heading = Language
language-label = Language of { -app }
language-explained = { -app } follows your browser's language until you choose one here.
language-of-browser = The browser's language
language-not-loaded = This language could not be downloaded. Connect to the internet, then choose it again.

## The seed's flow: Reactivate, activate, Registration Code

reactivate-title = Reactivate { $name }?
reactivate-warning = Reactivating clears this soft token identity's data from this device: its codes stop working. You will need a new Serial Number and Activation Code from the Self-Service module to activate it again.
reactivate = Reactivate
activate-new-heading = Activate a soft token identity
activate-heading = Activate { $name }
activate-intro = Enter the Serial Number and Activation Code shown by your Self-Service module, then press Save. You can also paste a secure activation link.
activate-link-intro = This is a secure activation link. Enter the activation password you were given separately.
activate-link-password = Activation password
activate-open-link = Open link
activate-name = Name
activate-name-missing = Enter a name for this soft token identity, for example your bank's name.
serial-number = Serial Number
activation-code = Activation Code
save = Save
registration-heading = Registration Code
registration-explained = Enter this Registration Code into Self-Service to complete activation
done = Done
