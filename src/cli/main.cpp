// SPDX-License-Identifier: GPL-3.0-or-later
// PLACEHOLDER: replaced by the real CLI.
int main() { return 0; }
