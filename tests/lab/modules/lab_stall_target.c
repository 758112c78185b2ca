// SPDX-License-Identifier: GPL-2.0
/*
 * lab_stall_target: helper for the "stalled transition" scenario.
 * Starts a kthread "lab_stall" that spends its whole life inside
 * lab_stall_wait(), a function lab_stall_patch replaces. Because the
 * kthread never leaves that function, its stack always contains the
 * old code and the livepatch transition can never finish for it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *lab_thread;

/* The function that gets livepatched; noinline so it has its own frame. */
noinline int lab_stall_wait(void)
{
	while (!kthread_should_stop())
		msleep_interruptible(1000);
	return 0;
}
EXPORT_SYMBOL_GPL(lab_stall_wait);

static int lab_stall_fn(void *unused)
{
	return lab_stall_wait();
}

static int __init lab_stall_target_init(void)
{
	lab_thread = kthread_run(lab_stall_fn, NULL, "lab_stall");
	if (IS_ERR(lab_thread))
		return PTR_ERR(lab_thread);
	pr_info("kthread pid %d\n", lab_thread->pid);
	return 0;
}

static void __exit lab_stall_target_exit(void)
{
	kthread_stop(lab_thread);
}

module_init(lab_stall_target_init);
module_exit(lab_stall_target_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KpatchScript lab: kthread sleeping in a patchable function");
