namespace KpatchScript.Reporting.Rendering;

/// <summary>
/// A template cannot be found or rendered. The message is one line:
/// <c>template report.html(12,5): the variable or function `stauts` was not found</c>.
/// </summary>
public sealed class TemplateException(string message, Exception? inner = null) : Exception(message, inner);
