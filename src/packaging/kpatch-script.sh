#!/bin/sh
# /usr/bin/kpatch-script: starts the framework-dependent CLI with the system's .NET runtime.
exec /usr/bin/dotnet /usr/lib/kpatch-script/kpatch-script.dll "$@"
