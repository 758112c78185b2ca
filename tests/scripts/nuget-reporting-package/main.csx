#r "nuget: KpatchScript.Reporting, 0.1.0"
// What a report script needs under the real dotnet script; here the package and its dependencies
// (KpatchScript, KpatchScript.Abstractions, Scriban.Signed, ZstdSharp.Port) resolve from the --source feed, and
// the host's own assemblies are used (one type identity with the runner).
using KpatchScript;
using KpatchScript.Reporting;
using KpatchScript.Verdicts;

var report = await HostReports.BuildAsync(Kpatch.Connect(), cancellationToken: Kpatch.Cancellation);
Console.WriteLine($"verdict: {VerdictWords.Of(report.Verdict.State)}");
Console.WriteLine(report.Render("status.txt").Split('\n')[0]);
