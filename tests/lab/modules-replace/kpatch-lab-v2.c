// SPDX-License-Identifier: GPL-2.0
/*
 * lab_cmdline: minimal kernel livepatch for the KpatchScript test lab.
 * Replaces cmdline_proc_show() (fs/proc/cmdline.c) so that reading
 * /proc/cmdline returns a fixed marker string while the patch is active.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/seq_file.h>

#ifndef LAB_MARKER
#define LAB_MARKER "kpatchscript-lab: cmdline livepatched"
#endif

static int lab_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s\n", LAB_MARKER);
	return 0;
}

static struct klp_func lab_funcs[] = {
	{
		.old_name = "cmdline_proc_show",
		.new_func = lab_cmdline_proc_show,
	},
	{ }
};

static struct klp_object lab_objs[] = {
	{
		/* .name == NULL means vmlinux */
		.funcs = lab_funcs,
	},
	{ }
};

static struct klp_patch lab_patch = {
	.mod = THIS_MODULE,
	.objs = lab_objs,
#ifdef LAB_REPLACE
	.replace = true,
#endif
};

static int __init lab_cmdline_init(void)
{
	return klp_enable_patch(&lab_patch);
}

static void __exit lab_cmdline_exit(void)
{
}

module_init(lab_cmdline_init);
module_exit(lab_cmdline_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KpatchScript lab: livepatch /proc/cmdline");
MODULE_INFO(livepatch, "Y");
