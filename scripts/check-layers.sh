#!/usr/bin/env bash
# The import rule of docs/architecture.md, checked on every `make lint`:
# - nothing under src/ui/ names crate::platform or crate::workers, or a
#   vault type or function that changes the document or handles keys (the
#   screens read vault::Identity, vault::Origin, vault::Pin, the list's
#   order and icon choice, and vault::search, the list they show; they
#   change nothing but through crate::state);
# - src/platform/ and src/workers/ never import the state or the screens;
# - no Result<_, String> in src/, and no error classified by its text;
# - the PIN screen (in the start chunk) shows SessionError, never AppError,
#   whose other sentences belong to the split chunks.
# Prints each offending line and fails when there is one.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
offend() { # message, grep output
  if [ -n "$2" ]; then
    echo "layer rule broken: $1"
    echo "$2"
    status=1
  fi
}
offend "src/ui/ imports platform/ or workers/" \
  "$(grep -rnE 'crate::(platform|workers)' src/ui || true)"
offend "src/ui/ uses a vault type that changes the document or handles keys" \
  "$(grep -rnoE 'vault::(\{[^}]*\}|[A-Za-z_]+)' src/ui \
      | sed -E 's/vault::/vault:: /; s/[{},]/ /g' \
      | awk '{ for (i = 2; i <= NF; i++) if ($i !~ /^(Identity|Origin|Pin|Duplicates|Document|VaultError|Order|IconChoice|GROUP_NAME_MAX|search|icons)$/) { print; break } }' || true)"
offend "src/ui/ changes the document itself" \
  "$(grep -rnE '\.identities\.(push|retain|remove|insert|clear)|\.commit\(' src/ui || true)"
offend "platform/ or workers/ import the state or the screens" \
  "$(grep -rnE 'crate::(state|ui)' src/platform src/workers || true)"
offend "an error is a String" \
  "$(grep -rnE 'Result<[^;{]*, *String>' src || true)"
offend "an error is classified by its text" \
  "$(grep -rnE 'message\.contains\(' src || true)"
offend "the PIN screen names AppError (its sentences would join the start chunk)" \
  "$(grep -nE 'AppError' src/ui/pages/pin_gate.rs src/ui/components/pin_* 2>/dev/null || true)"
exit $status
