namespace KpatchScript.Host;

/// <summary>A target refused or could not do what was asked. The message is meant for users.</summary>
public class HostSystemException : Exception
{
    /// <summary>Creates the exception with a message for users.</summary>
    public HostSystemException(string message) : base(message) { }

    /// <summary>Creates the exception with a message for users and the failure behind it.</summary>
    public HostSystemException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>A write or a mutating command was asked of a read-only target (a sysroot).</summary>
public sealed class ReadOnlyTargetException(string message) : HostSystemException(message);

/// <summary>The program of a command is not installed, or cannot run on this kind of target.</summary>
public sealed class CommandUnavailableException(string message) : HostSystemException(message);
