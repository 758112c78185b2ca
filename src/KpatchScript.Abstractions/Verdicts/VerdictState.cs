using System.Text.Json.Serialization;

namespace KpatchScript.Verdicts;

/// <summary>The three answers, best first. JSON and templates carry the words.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VerdictState>))]
public enum VerdictState
{
    /// <summary>Live patching protects the running kernel and nothing needs doing.</summary>
    [JsonStringEnumMemberName("covered")]
    Covered,

    /// <summary>Protected, but something needs doing soon (a reboot, an update), or something the answer depends on is unknown.</summary>
    [JsonStringEnumMemberName("action needed")]
    ActionNeeded,

    /// <summary>Live patching does not protect the running kernel.</summary>
    [JsonStringEnumMemberName("not covered")]
    NotCovered,
}

/// <summary>How much one reason weighs.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReasonLevel>))]
public enum ReasonLevel
{
    /// <summary>Said, but it does not change the state.</summary>
    [JsonStringEnumMemberName("note")]
    Note,

    /// <summary>Makes the verdict at least "action needed".</summary>
    [JsonStringEnumMemberName("action needed")]
    ActionNeeded,

    /// <summary>Makes the verdict "not covered".</summary>
    [JsonStringEnumMemberName("not covered")]
    NotCovered,
}

/// <summary>The words of states and levels, as JSON, templates, the panel and Nagios lines carry them.</summary>
public static class VerdictWords
{
    /// <summary>covered, action needed, not covered.</summary>
    public static string Of(VerdictState state) => state switch
    {
        VerdictState.Covered => "covered",
        VerdictState.ActionNeeded => "action needed",
        _ => "not covered",
    };

    /// <summary>note, action needed, not covered.</summary>
    public static string Of(ReasonLevel level) => level switch
    {
        ReasonLevel.Note => "note",
        ReasonLevel.ActionNeeded => "action needed",
        _ => "not covered",
    };

    /// <summary>The level a word names; null for any other word.</summary>
    public static ReasonLevel? LevelOf(string word) => word switch
    {
        "note" => ReasonLevel.Note,
        "action needed" => ReasonLevel.ActionNeeded,
        "not covered" => ReasonLevel.NotCovered,
        _ => null,
    };

    /// <summary>The state a word names; null for any other word.</summary>
    public static VerdictState? StateOf(string word) => word switch
    {
        "covered" => VerdictState.Covered,
        "action needed" => VerdictState.ActionNeeded,
        "not covered" => VerdictState.NotCovered,
        _ => null,
    };
}
