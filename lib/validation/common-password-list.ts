import { dictionary } from '@zxcvbn-ts/language-common';
import { installCommonPasswords } from './common-passwords';

/** Server side: the leaked-password list, installed as soon as any domain module that checks passwords loads. */
installCommonPasswords(dictionary['passwords-common'] as string[]);
