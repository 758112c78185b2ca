namespace KpatchScript.Cli.CommandLine;

/// <summary>
/// One line of a usage that has several (<c>report</c> and <c>report --fleet DIR</c>, <c>plugins
/// list</c> and <c>plugins info NAME</c>). A verb with one way of use needs none: its table makes the line.
/// </summary>
/// <param name="Words">The words before the options, as typed: <c>info NAME</c>.</param>
/// <param name="Required">Options this form cannot go without, shown without brackets, first.</param>
/// <param name="Only">The options this form takes, in the table's order; null: all but those other forms require.</param>
/// <param name="Trailer">What follows the options.</param>
internal sealed record UsageForm(string Words, Option[]? Required = null, Option[]? Only = null, string Trailer = "");
