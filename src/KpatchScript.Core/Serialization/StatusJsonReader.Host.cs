using System.Text.Json;
using KpatchScript.Status;

namespace KpatchScript.Serialization;

/// <summary>The <c>host</c> and <c>kernel</c> members of a status document (StatusJsonReader.cs has the reader's rules).</summary>
internal static partial class StatusJsonReader
{
    private static HostInfo Host(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        Reading<string>? hostname = null, architecture = null;
        Reading<OsRelease>? os = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "hostname"u8, 0, ref seen))
            {
                hostname = Reading(ref r, Text);
            }
            else if (Is(ref r, "os"u8, 1, ref seen))
            {
                os = Reading(ref r, Os);
            }
            else if (Is(ref r, "architecture"u8, 2, ref seen))
            {
                architecture = Reading(ref r, Text);
            }
            else
            {
                r.Skip();
            }
        }

        Require(seen, 3);
        return new HostInfo(hostname!, os!, architecture!);
    }

    private static OsRelease Os(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        string? id = null, name = null, versionId = null, prettyName = null;
        IReadOnlyList<string>? idLike = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "id"u8, 0, ref seen))
            {
                id = Text(ref r);
            }
            else if (Is(ref r, "name"u8, 1, ref seen))
            {
                name = Text(ref r);
            }
            else if (Is(ref r, "version_id"u8, 2, ref seen))
            {
                versionId = TextOrNull(ref r);
            }
            else if (Is(ref r, "pretty_name"u8, 3, ref seen))
            {
                prettyName = Text(ref r);
            }
            else if (Is(ref r, "id_like"u8, 4, ref seen))
            {
                idLike = List(ref r, Text);
            }
            else
            {
                r.Skip();
            }
        }

        Require(seen, 5);
        return new OsRelease(id!, name!, versionId, prettyName!, idLike!);
    }

    private static KernelStatus Kernel(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        Reading<string>? running = null, newest = null;
        Reading<IReadOnlyList<InstalledKernel>>? installed = null;
        Reading<RebootAdvice>? reboot = null;
        Reading<SupportWindow>? window = null;
        Reading<KernelEligibility>? eligibility = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "running"u8, 0, ref seen))
            {
                running = Reading(ref r, Text);
            }
            else if (Is(ref r, "installed"u8, 1, ref seen))
            {
                installed = ListReading(ref r, InstalledKernel);
            }
            else if (Is(ref r, "newest"u8, 2, ref seen))
            {
                newest = Reading(ref r, Text);
            }
            else if (Is(ref r, "reboot"u8, 3, ref seen))
            {
                reboot = Reading(ref r, Reboot);
            }
            else if (Is(ref r, "support_window"u8, 4, ref seen))
            {
                window = Reading(ref r, SupportWindow);
            }
            else if (Is(ref r, "eligibility"u8, 5, ref seen))
            {
                eligibility = Reading(ref r, Eligibility);
            }
            else
            {
                r.Skip();
            }
        }

        // Eligibility is optional: documents written before it was asked (schema 2 as first published) have none.
        Require(seen & 0b11111, 5);
        var kernel = new KernelStatus(running!, installed!, newest!, reboot!, window!);
        return eligibility is null ? kernel : kernel with { Eligibility = eligibility };
    }

    private static InstalledKernel InstalledKernel(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        string? release = null, source = null, package = null;
        var running = false;
        while (NextMember(ref r))
        {
            if (Is(ref r, "release"u8, 0, ref seen))
            {
                release = Text(ref r);
            }
            else if (Is(ref r, "source"u8, 1, ref seen))
            {
                source = Text(ref r);
            }
            else if (Is(ref r, "package"u8, 2, ref seen))
            {
                package = TextOrNull(ref r);
            }
            else if (Is(ref r, "running"u8, 3, ref seen))
            {
                running = Boolean(ref r);
            }
            else
            {
                r.Skip();
            }
        }

        Require(seen, 4);
        return new InstalledKernel(release!, source!, package, running);
    }

    private static RebootAdvice Reboot(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        var advice = RebootNeed.No;
        string? reason = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "advice"u8, 0, ref seen))
            {
                // The names the writer writes, exactly (System.Text.Json takes more: those documents go to it).
                advice = r.TokenType != JsonTokenType.String ? throw Unexpected()
                    : r.ValueTextEquals("no"u8) ? RebootNeed.No
                    : r.ValueTextEquals("yes"u8) ? RebootNeed.Yes
                    : r.ValueTextEquals("yes-but-live-patched"u8) ? RebootNeed.YesButLivePatched
                    : throw Unexpected();
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
        return new RebootAdvice(advice, reason!);
    }

    private static SupportWindow SupportWindow(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        var estimate = false;
        string? built = null, ends = null, basis = null, source = null, starts = null, stream = null;
        var daysLeft = 0;
        while (NextMember(ref r))
        {
            if (Is(ref r, "estimate"u8, 0, ref seen))
            {
                estimate = Boolean(ref r);
            }
            else if (Is(ref r, "kernel_built"u8, 1, ref seen))
            {
                built = Text(ref r);
            }
            else if (Is(ref r, "ends"u8, 2, ref seen))
            {
                ends = Text(ref r);
            }
            else if (Is(ref r, "days_left"u8, 3, ref seen))
            {
                daysLeft = Int32(ref r);
            }
            else if (Is(ref r, "basis"u8, 4, ref seen))
            {
                basis = Text(ref r);
            }
            else if (Is(ref r, "source"u8, 5, ref seen))
            {
                source = Text(ref r);
            }
            else if (Is(ref r, "starts"u8, 6, ref seen))
            {
                starts = TextOrNull(ref r);
            }
            else if (Is(ref r, "stream"u8, 7, ref seen))
            {
                stream = TextOrNull(ref r);
            }
            else
            {
                r.Skip();
            }
        }

        // source, starts and stream came with issue 22; an older document's window was always the estimate.
        Require(seen & 0b11111, 5);
        return new SupportWindow(estimate, built!, ends!, daysLeft, basis!)
        {
            Source = source ?? Status.SupportWindow.FromEstimate,
            Starts = starts,
            Stream = stream,
        };
    }

    private static KernelEligibility Eligibility(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        string? kernel = null, first = null, newest = null, remedy = null;
        var eligible = false;
        IReadOnlyList<string>? packages = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "kernel"u8, 0, ref seen))
            {
                kernel = Text(ref r);
            }
            else if (Is(ref r, "eligible"u8, 1, ref seen))
            {
                eligible = Boolean(ref r);
            }
            else if (Is(ref r, "packages"u8, 2, ref seen))
            {
                packages = List(ref r, Text);
            }
            else if (Is(ref r, "first_package_built"u8, 3, ref seen))
            {
                first = TextOrNull(ref r);
            }
            else if (Is(ref r, "newest_eligible_kernel"u8, 4, ref seen))
            {
                newest = TextOrNull(ref r);
            }
            else if (Is(ref r, "remedy"u8, 5, ref seen))
            {
                remedy = TextOrNull(ref r);
            }
            else
            {
                r.Skip();
            }
        }

        Require(seen, 6);
        return new KernelEligibility(kernel!, eligible, packages!, first, newest, remedy);
    }
}
