// SPDX-License-Identifier: GPL-2.0
/*
 * lab_stall_target: helper for the "stalled transition" scenario.
 * Starts a kthread "lab_stall" that spends its whole life inside
 * lab_stall_wait(), a function lab_stall_patch replaces. Because the
 * kthread never leaves that function, its stack always contains the
 * old code and the livepatch transition cannot finish for it, until
 * the parameter "release" is set:
 *   echo 1 > /sys/module/lab_stall_target/parameters/release
 * then the kthread returns from lab_stall_wait() and sleeps in
 * lab_stall_fn() instead, so a stalled transition completes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *lab_thread;

static bool release;
module_param(release, bool, 0644);
MODULE_PARM_DESC(release, "1: the kthread leaves lab_stall_wait() so a stalled transition can finish");

/* The function that gets livepatched; noinline so it has its own frame. */
noinline int lab_stall_wait(void)
{
	/* READ_ONCE: the parameter changes behind the loop's back (sysfs write). */
	while (!kthread_should_stop() && !READ_ONCE(release))
		msleep_interruptible(1000);
	return 0;
}
EXPORT_SYMBOL_GPL(lab_stall_wait);

static int lab_stall_fn(void *unused)
{
	lab_stall_wait();
	/* Released: live on outside the patched function until kthread_stop(). */
	while (!kthread_should_stop())
		msleep_interruptible(1000);
	return 0;
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
