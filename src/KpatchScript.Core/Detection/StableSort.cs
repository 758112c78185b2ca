namespace KpatchScript.Detection;

/// <summary>
/// A stable sort, as Enumerable.OrderBy is: items the comparison calls equal keep their order
/// (rpm's order calls "CVE-2024-1" and "CVE-2024-01" equal). Written here, not LINQ: detection is
/// status's start-up path, where System.Linq's first use cost 2 ms (tests/benchmarks/README.md,
/// "2026-12-06, sixth"); List.Sort is not stable.
/// </summary>
internal static class StableSort
{
    /// <summary>Binary insertion: n log n comparisons, for the lists detection sorts (kernels, packages, CVEs: tens, not thousands).</summary>
    public static List<T> InPlace<T>(List<T> items, Comparison<T> comparison)
    {
        for (var i = 1; i < items.Count; i++)
        {
            var item = items[i];
            // After the last of the sorted items that are not greater: equal items keep their order.
            var (low, high) = (0, i);
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (comparison(items[middle], item) <= 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            if (low < i)
            {
                items.RemoveAt(i);
                items.Insert(low, item);
            }
        }

        return items;
    }
}
