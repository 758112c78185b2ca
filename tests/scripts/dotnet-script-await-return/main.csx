// Top-level await, an async local function, and the exit code from a top-level return.
async Task<int> CountAsync(int upTo)
{
    await Task.Yield();
    return Enumerable.Range(1, upTo).Sum();
}

var total = await CountAsync(4);
Console.WriteLine($"total {total}");
return total > 5 ? 3 : 0;
