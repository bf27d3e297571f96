// SPDX-License-Identifier: GPL-3.0-or-later
// What a user would otherwise run: parse a WhatsApp export with the npm package whatsapp-chat-parser.
import { readFileSync } from 'node:fs';
import { parseString } from 'whatsapp-chat-parser';

const messages = parseString(readFileSync(process.argv[2], 'utf8'));
console.log(messages.length);
