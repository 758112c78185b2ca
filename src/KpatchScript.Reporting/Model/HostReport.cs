using System.Text.Json.Nodes;
using KpatchScript.IO;
using KpatchScript.Reporting.Rendering;
using KpatchScript.Status;
using KpatchScript.Verdicts;
using KpatchScript.Verification;

namespace KpatchScript.Reporting;

/// <summary>
/// The report of one host: its model (the JSON of <c>report --format json</c>, schema
/// <c>Reports/report.schema.json</c>) and the verdict, rendered by any template.
/// </summary>
public sealed class HostReport
{
    internal HostReport(JsonObject model, Verdict verdict, HostStatus status, VerificationReport verification)
    {
        Model = model;
        Verdict = verdict;
        Status = status;
        Verification = verification;
    }

    /// <summary>The report model, as templates see it.</summary>
    public JsonObject Model { get; }

    public Verdict Verdict { get; }

    public HostStatus Status { get; }

    public VerificationReport Verification { get; }

    /// <summary>The model as JSON (what <c>report --format json</c> prints).</summary>
    public string ToJson() => ModelJson.Write(Model);

    /// <summary>Renders <paramref name="template"/> (e.g. <c>report.html</c>, <c>status.txt</c>), looked up the standard way unless <paramref name="lookup"/> says otherwise.</summary>
    /// <exception cref="TemplateException">The template is missing or fails; one line.</exception>
    public string Render(string template, TemplateLookup? lookup = null) =>
        new TemplateRenderer(lookup ?? TemplateLookup.Standard()).Render(template, Model);

    /// <summary>Renders <paramref name="template"/> into <paramref name="path"/>, atomically: the file is whole or untouched.</summary>
    public void WriteFile(string path, string template, TemplateLookup? lookup = null) => AtomicFile.Write(path, Render(template, lookup));
}
