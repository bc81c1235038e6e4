#!/usr/bin/env bash
# Builds and lints the Bicep with the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64,
# restored into .tools/); fails on any error or warning.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/.*"Azure.Bicep.CommandLine.linux-x64" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)
bicep=".tools/nuget/azure.bicep.commandline.linux-x64/${version}/tools/bicep"
if [ ! -x "$bicep" ]; then
  dotnet restore infra/tools/bicep-cli.csproj --packages .tools/nuget >/dev/null
  chmod +x "$bicep"
fi
"$bicep" --version
failed=0
for file in infra/main.bicep infra/app/blob-events-subscription.bicep; do
  for step in build lint; do
    args=("$step" "$file")
    [ "$step" = build ] && args+=(--stdout)
    if ! output=$("$bicep" "${args[@]}" 2>&1 >/dev/null); then
      failed=1
    fi
    if [ -n "$output" ]; then
      echo "$output"
      failed=1
    fi
    echo "bicep $step $file: $([ -z "$output" ] && echo ok || echo 'errors or warnings')"
  done
done
exit "$failed"
