#!/usr/bin/env bash
# Fails when a secret appears in the logs of a test run: the fixed secrets the tests use
# (Tests/logs/secrets.txt) and generated ones by their shape (API tokens `opl_` + 40 hex digits,
# webhook secrets `whsec_` + base64, 64-hex session and CSRF secrets, a PEM private key).
#
#   bash Tests/logs/check-secrets.sh FOLDER     # every file under FOLDER
#
# deploy/test.sh runs it on OPSLINE_TEST_LOG_DIR, where the test servers, the `opsline serve`
# processes and the Python suites' servers write their logs.
set -euo pipefail
folder="${1:?usage: check-secrets.sh LOG-FOLDER}"
here="$(cd "$(dirname "$0")" && pwd)"
PATTERNS=('opl_[0-9a-f]{40}' 'whsec_[A-Za-z0-9+/]{16,}' '(^|[^0-9a-f])[0-9a-f]{64}([^0-9a-f]|$)' 'PRIVATE KEY-----')

if [[ ! -d $folder ]] || [[ -z "$(find "$folder" -type f -size +0 -print -quit)" ]]; then
    echo "check-secrets: no logs in $folder: nothing was checked" >&2
    exit 1
fi
found=0
while IFS= read -r secret; do
    [[ -z $secret || $secret == \#* ]] && continue
    if grep -rF --binary-files=text -l -- "$secret" "$folder" >/dev/null; then
        echo "check-secrets: the secret '$secret' is in a log:" >&2
        grep -rF --binary-files=text -n -m 3 -- "$secret" "$folder" | cut -c1-300 >&2
        found=1
    fi
done <"$here/secrets.txt"
for pattern in "${PATTERNS[@]}"; do
    if grep -rE --binary-files=text -l -- "$pattern" "$folder" >/dev/null; then
        echo "check-secrets: something shaped like a secret (/$pattern/) is in a log:" >&2
        grep -rE --binary-files=text -n -m 3 -- "$pattern" "$folder" | cut -c1-300 >&2
        found=1
    fi
done
if [[ $found -eq 0 ]]; then
    echo "check-secrets: no secret in $(find "$folder" -type f | wc -l) log files ($(find "$folder" -type f -exec cat {} + | wc -l) lines)" >&2
fi
exit "$found"
