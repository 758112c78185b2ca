#load "../shared/hosts.csx"

string Report(IEnumerable<string> hosts) => $"{hosts.Count()} hosts: {string.Join(", ", hosts)}";
