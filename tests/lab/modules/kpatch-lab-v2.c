// SPDX-License-Identifier: GPL-2.0
/*
 * kpatch-lab-v2 (module kpatch_lab_v2): lab_cmdline built again as a cumulative, atomic-replace
 * patch with its own marker (the Makefile sets LAB_REPLACE and LAB_MARKER for this object).
 */
#include "lab_cmdline.c"
