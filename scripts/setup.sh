#!/usr/bin/env bash
# Installs what the product needs on this machine from the package registries, then builds it.
#   Node.js + npm (Debian packages, only where missing) -> Azurite and the builds of the dashboard and the portal (npm, pinned in package-lock.json)
#   .NET packages (NuGet, central versions in Directory.Packages.props)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Installing Node.js and npm from Debian packages..."
  apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
fi
if ! command -v dotnet >/dev/null; then
  echo "The .NET 10 SDK is required (dotnet on PATH)." >&2
  exit 1
fi

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build:dashboard
npm run --silent build:portal
# The settings the Functions host reads locally (Core Tools, and the local runtime through its build output).
if [ ! -f functions/local.settings.json ]; then
  cp functions/local.settings.json.example functions/local.settings.json
  echo "Created functions/local.settings.json from the example."
else
  # A setting the example gained since the file was created is added with the example's value; yours are kept.
  node -e '
    const fs = require("fs");
    const path = "functions/local.settings.json";
    const mine = JSON.parse(fs.readFileSync(path, "utf8"));
    const example = JSON.parse(fs.readFileSync(path + ".example", "utf8"));
    const added = Object.keys(example.Values).filter(k => !(k in (mine.Values ??= {})));
    added.forEach(k => mine.Values[k] = example.Values[k]);
    if (added.length) {
      fs.writeFileSync(path, JSON.stringify(mine, null, 2) + "\n");
      console.log("Added to functions/local.settings.json from the example: " + added.join(", "));
    }'
fi
dotnet build Serverless.sln -c "${CONFIGURATION:-Debug}" -nologo -clp:ErrorsOnly
