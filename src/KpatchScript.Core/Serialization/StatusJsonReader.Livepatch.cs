using System.Text.Json;
using KpatchScript.Status;

namespace KpatchScript.Serialization;

/// <summary>The <c>livepatch</c> member of a status document (StatusJsonReader.cs has the reader's rules).</summary>
internal static partial class StatusJsonReader
{
    private static LivepatchStatus Livepatch(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        Reading<LivepatchSupport>? support = null;
        Reading<long>? tainted = null;
        Reading<bool>? taintLivepatch = null;
        Reading<IReadOnlyList<LivepatchPatch>>? patches = null;
        Reading<IReadOnlyList<InactiveModule>>? inactive = null;
        Reading<IReadOnlyList<TransitionTask>>? tasks = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "support"u8, 0, ref seen))
            {
                support = Reading(ref r, Support);
            }
            else if (Is(ref r, "tainted"u8, 1, ref seen))
            {
                tainted = Reading(ref r, Int64);
            }
            else if (Is(ref r, "taint_livepatch"u8, 2, ref seen))
            {
                taintLivepatch = Reading(ref r, Boolean);
            }
            else if (Is(ref r, "patches"u8, 3, ref seen))
            {
                patches = ListReading(ref r, Patch);
            }
            else if (Is(ref r, "inactive_modules"u8, 4, ref seen))
            {
                inactive = ListReading(ref r, InactiveModule);
            }
            else if (Is(ref r, "transition_tasks"u8, 5, ref seen))
            {
                tasks = ListReading(ref r, TransitionTask);
            }
            else
            {
                r.Skip();
            }
        }

        Require(seen, 6);
        return new LivepatchStatus(support!, tainted!, taintLivepatch!, patches!, inactive!, tasks!);
    }

    private static LivepatchSupport Support(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        var supported = false;
        string? reason = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "supported"u8, 0, ref seen))
            {
                supported = Boolean(ref r);
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
        return new LivepatchSupport(supported, reason!);
    }

    private static LivepatchPatch Patch(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        string? name = null, state = null;
        Reading<bool>? enabled = null, transition = null, replace = null;
        Reading<int>? stackOrder = null;
        Reading<IReadOnlyList<LivepatchObject>>? objects = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "name"u8, 0, ref seen))
            {
                name = Text(ref r);
            }
            else if (Is(ref r, "state"u8, 1, ref seen))
            {
                state = Text(ref r);
            }
            else if (Is(ref r, "enabled"u8, 2, ref seen))
            {
                enabled = Reading(ref r, Boolean);
            }
            else if (Is(ref r, "transition"u8, 3, ref seen))
            {
                transition = Reading(ref r, Boolean);
            }
            else if (Is(ref r, "objects"u8, 4, ref seen))
            {
                objects = ListReading(ref r, PatchObject);
            }
            else if (Is(ref r, "replace"u8, 5, ref seen))
            {
                replace = Reading(ref r, Boolean);
            }
            else if (Is(ref r, "stack_order"u8, 6, ref seen))
            {
                stackOrder = Reading(ref r, Int32);
            }
            else
            {
                r.Skip();
            }
        }

        // replace and stack_order are left out when not read (null).
        Require(seen | (1 << 5) | (1 << 6), 7);
        return new LivepatchPatch(name!, state!, enabled!, transition!, replace, stackOrder, objects!);
    }

    private static LivepatchObject PatchObject(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        string? name = null;
        Reading<bool>? patched = null;
        IReadOnlyList<PatchedFunction>? functions = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "name"u8, 0, ref seen))
            {
                name = Text(ref r);
            }
            else if (Is(ref r, "functions"u8, 1, ref seen))
            {
                functions = List(ref r, Function);
            }
            else if (Is(ref r, "patched"u8, 2, ref seen))
            {
                patched = Reading(ref r, Boolean);
            }
            else
            {
                r.Skip();
            }
        }

        Require(seen | (1 << 2), 3);
        return new LivepatchObject(name!, patched, functions!);
    }

    private static PatchedFunction Function(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        string? name = null;
        Reading<int>? sympos = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "name"u8, 0, ref seen))
            {
                name = Text(ref r);
            }
            else if (Is(ref r, "sympos"u8, 1, ref seen))
            {
                sympos = Reading(ref r, Int32);
            }
            else
            {
                r.Skip();
            }
        }

        Require(seen, 2);
        return new PatchedFunction(name!, sympos!);
    }

    private static InactiveModule InactiveModule(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        string? name = null, taint = null;
        Reading<int>? references = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "name"u8, 0, ref seen))
            {
                name = Text(ref r);
            }
            else if (Is(ref r, "reference_count"u8, 1, ref seen))
            {
                references = Reading(ref r, Int32);
            }
            else if (Is(ref r, "taint"u8, 2, ref seen))
            {
                taint = Text(ref r);
            }
            else
            {
                r.Skip();
            }
        }

        Require(seen, 3);
        return new InactiveModule(name!, references!, taint!);
    }

    private static TransitionTask TransitionTask(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        string? patch = null;
        int pid = 0, tid = 0, patchState = 0;
        Reading<string>? command = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "patch"u8, 0, ref seen))
            {
                patch = Text(ref r);
            }
            else if (Is(ref r, "pid"u8, 1, ref seen))
            {
                pid = Int32(ref r);
            }
            else if (Is(ref r, "tid"u8, 2, ref seen))
            {
                tid = Int32(ref r);
            }
            else if (Is(ref r, "command"u8, 3, ref seen))
            {
                command = Reading(ref r, Text);
            }
            else if (Is(ref r, "patch_state"u8, 4, ref seen))
            {
                patchState = Int32(ref r);
            }
            else
            {
                r.Skip();
            }
        }

        Require(seen, 5);
        return new TransitionTask(patch!, pid, tid, command!, patchState);
    }
}
