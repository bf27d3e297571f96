// SPDX-License-Identifier: GPL-3.0-or-later
// PLACEHOLDER: replaced by the real normalizer.
#include "phone/phonenormalizer.h"
