#!/bin/sh
# Chromium reads enterprise policy from one directory per machine, so two test runs at the same
# time would each see the other's policy. This starts Chromium in a mount namespace of its own in
# which that directory is this run's private one (see tests/support/policy.ts). Needs root.
exec unshare --mount sh -c 'mount --bind "$DEALSIDE_POLICY_DIR" /etc/chromium/policies/managed && exec "$DEALSIDE_CHROMIUM" "$@"' chromium "$@"
