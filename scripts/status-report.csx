#!/usr/bin/env kpatch-script
// status-report: the live patching report of this machine (or of --target): writes report.html
// (one self-contained page: the verdict at the top, patches, CVEs fixed live and pending, support
// window and days left, reboot advice, verification checks) and prints the same report as text.
//
//   kpatch-script run status-report.csx [--target local|sysroot:DIR|ssh://user@host] [OUT.html]
//   ./status-report.csx [--target local|sysroot:DIR|ssh://user@host] [OUT.html]   (the #! line; the same)
//
// The options after the file are kpatch-script's in both forms (as in dotnet-script); OUT.html is
// the script's (a path that starts with '-' goes after "--": -- -out.html).
// Reads only (detect, then verify as of now: a transition is judged as it is, not watched);
// changes nothing; with --dry-run it does not write the file either. Templates come from /etc/kpatch-script/templates, else the shipped ones.
// Under the real dotnet script, add this line first (the package is built with every build):
//   #r "nuget: KpatchScript.Reporting, 0.1.0"
// Exit codes:
//   0  the report was rendered, whatever the verdict ("not covered" is an answer, not a failure)
//   1  it could not be (a template error names the template, line and column)
//   124/130  stopped by --timeout or Ctrl+C (the host's codes)
using KpatchScript;
using KpatchScript.Reporting;

var output = Args.Count > 0 ? Args[0] : "report.html";
var report = await HostReports.BuildAsync(Kpatch.Connect(), cancellationToken: Kpatch.Cancellation);
Write(report.Render("status.txt"));
if (Kpatch.DryRun)
{
    WriteLine($"dry run: would write the report to {Path.GetFullPath(output)}");
}
else
{
    report.WriteFile(output, "report.html");
    WriteLine($"report: {Path.GetFullPath(output)}");
}

return 0;
