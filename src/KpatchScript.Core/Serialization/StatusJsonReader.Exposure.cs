using System.Text.Json;
using KpatchScript.Status;

namespace KpatchScript.Serialization;

/// <summary>The <c>exposure</c> member of a status document (StatusJsonReader.cs has the reader's rules).</summary>
internal static partial class StatusJsonReader
{
    private static CveExposure Exposure(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        string? mirror = null;
        var documents = 0;
        ExposureCounts? counts = null;
        IReadOnlyList<ExposedCve>? cves = null;
        IReadOnlyList<SkippedVexFile>? skipped = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "mirror"u8, 0, ref seen))
            {
                mirror = Text(ref r);
            }
            else if (Is(ref r, "documents"u8, 1, ref seen))
            {
                documents = Int32(ref r);
            }
            else if (Is(ref r, "counts"u8, 2, ref seen))
            {
                counts = Counts(ref r);
            }
            else if (Is(ref r, "cves"u8, 3, ref seen))
            {
                cves = List(ref r, ExposedCve);
            }
            else if (Is(ref r, "skipped"u8, 4, ref seen))
            {
                skipped = List(ref r, Skipped);
            }
            else
            {
                r.Skip();
            }
        }

        Require(seen, 5);
        return new CveExposure(mirror!, documents, counts!, cves!, skipped!);
    }

    private static ExposureCounts Counts(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        var n = new int[5];
        while (NextMember(ref r))
        {
            var at = Is(ref r, "fixed_live"u8, 0, ref seen) ? 0
                : Is(ref r, "fixed_after_reboot"u8, 1, ref seen) ? 1
                : Is(ref r, "fix_available"u8, 2, ref seen) ? 2
                : Is(ref r, "no_fix_yet"u8, 3, ref seen) ? 3
                : Is(ref r, "not_affected"u8, 4, ref seen) ? 4 : -1;
            if (at < 0)
            {
                r.Skip();
            }
            else
            {
                n[at] = Int32(ref r);
            }
        }

        Require(seen, 5);
        return new ExposureCounts(n[0], n[1], n[2], n[3], n[4]);
    }

    private static ExposedCve ExposedCve(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        string? cve = null, state = null, severity = null, fixedBy = null, advisory = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "cve"u8, 0, ref seen))
            {
                cve = Text(ref r);
            }
            else if (Is(ref r, "state"u8, 1, ref seen))
            {
                state = Text(ref r);
            }
            else if (Is(ref r, "severity"u8, 2, ref seen))
            {
                severity = TextOrNull(ref r);
            }
            else if (Is(ref r, "fixed_by"u8, 3, ref seen))
            {
                fixedBy = TextOrNull(ref r);
            }
            else if (Is(ref r, "advisory"u8, 4, ref seen))
            {
                advisory = TextOrNull(ref r);
            }
            else
            {
                r.Skip();
            }
        }

        Require(seen, 5);
        return new ExposedCve(cve!, state!, severity, fixedBy, advisory);
    }

    private static SkippedVexFile Skipped(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        string? file = null, reason = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "file"u8, 0, ref seen))
            {
                file = Text(ref r);
            }
            else if (Is(ref r, "reason"u8, 1, ref seen))
            {
                reason = Text(ref r);
            }
            else
            {
                r.Skip();
            }
        }

        Require(seen, 2);
        return new SkippedVexFile(file!, reason!);
    }
}
