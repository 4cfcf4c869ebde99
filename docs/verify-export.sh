#!/usr/bin/env bash
# Verifies a partnership's history export (GET /api/partnerships/{id}/history/export) offline, with standard
# tools only: bash, jq, sha256sum. Prints "valid: N events" or the first broken sequence number, and exits 1 then.
#
#   curl -s localhost:8080/api/partnerships/$ID/history/export > history.json
#   bash docs/verify-export.sh history.json
#
# The algorithm (the same as the database trigger that computed the hashes when the events were stored):
#   hash = hex(SHA-256(previousHash \n partnershipId \n sequence \n eventId \n payloadType \n payloadRevision \n
#                      timeStamp \n payloadBase64 \n metaDataBase64))      with "" for a missing revision or metadata
#   and 64 zeros as the previous hash of sequence 0. payloadBase64 and metaDataBase64 are the stored bytes.
set -euo pipefail
export_file="${1:?usage: verify-export.sh history.json}"

previous=$(printf '0%.0s' {1..64})
expected=0
count=0
while IFS= read -r event; do
    sequence=$(jq -r '.sequence' <<<"$event")
    if [ "$sequence" != "$expected" ]; then
        echo "broken at sequence $expected: event $expected is missing"
        exit 1
    fi
    if [ "$(jq -r '.previousHash' <<<"$event")" != "$previous" ]; then
        echo "broken at sequence $sequence: previousHash does not match the hash of event $((sequence - 1))"
        exit 1
    fi
    computed=$(jq -j --arg previous "$previous" \
        '[$previous, .partnershipId, (.sequence | tostring), .eventId, .payloadType, (.payloadRevision // ""),
          .timeStamp, .payloadBase64, (.metaDataBase64 // "")] | join("\n")' <<<"$event" | sha256sum | cut -d' ' -f1)
    if [ "$computed" != "$(jq -r '.hash' <<<"$event")" ]; then
        echo "broken at sequence $sequence: the event does not match its hash"
        exit 1
    fi
    # The readable payload must be the hashed bytes.
    if [ "$(jq -c '.payload' <<<"$event")" != "$(jq -r '.payloadBase64' <<<"$event" | base64 -d | jq -c '.')" ]; then
        echo "broken at sequence $sequence: payload differs from payloadBase64"
        exit 1
    fi
    previous="$computed"
    expected=$((expected + 1))
    count=$((count + 1))
done < <(jq -c '.events[]' "$export_file")
echo "valid: $count events, last hash $previous"
