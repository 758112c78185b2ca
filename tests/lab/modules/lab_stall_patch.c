// SPDX-License-Identifier: GPL-2.0
/*
 * lab_stall_patch: livepatch for lab_stall_target's lab_stall_wait().
 * Loading it while the lab_stall kthread sleeps in lab_stall_wait()
 * leaves /sys/kernel/livepatch/lab_stall_patch/transition at 1.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static int lab_stall_wait_new(void)
{
	while (!kthread_should_stop())
		msleep_interruptible(1000);
	return 1;
}

static struct klp_func lab_funcs[] = {
	{
		.old_name = "lab_stall_wait",
		.new_func = lab_stall_wait_new,
	},
	{ }
};

static struct klp_object lab_objs[] = {
	{
		.name = "lab_stall_target",
		.funcs = lab_funcs,
	},
	{ }
};

static struct klp_patch lab_patch = {
	.mod = THIS_MODULE,
	.objs = lab_objs,
};

static int __init lab_stall_patch_init(void)
{
	return klp_enable_patch(&lab_patch);
}

static void __exit lab_stall_patch_exit(void)
{
}

module_init(lab_stall_patch_init);
module_exit(lab_stall_patch_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KpatchScript lab: livepatch that stalls on lab_stall kthread");
MODULE_INFO(livepatch, "Y");
