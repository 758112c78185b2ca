// SPDX-License-Identifier: GPL-2.0
/*
 * kpatch-lab-second (module kpatch_lab_second): lab_cmdline built again as an ordinary
 * (non-replace) patch of the same function with its own marker, to stack on top of lab_cmdline.
 */
#include "lab_cmdline.c"
