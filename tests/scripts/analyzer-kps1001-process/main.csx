// Starting a tool the facade owns bypasses the lock, the journal and --dry-run: refused.
using System.Diagnostics;
const string tool = "dnf";
Process.Start(tool, "install kpatch-patch");
