/* json.h: the little JSON the payment API needs: reading one string field
 * of a flat request object, and writing hex. */
#ifndef PAYMENT_API_JSON_H
#define PAYMENT_API_JSON_H

#include <stddef.h>

/* Copies the string value of "key" in the JSON object text[0..len) into
 * out (NUL-terminated, escapes \" \\ \/ decoded). Returns its length, or -1
 * when the key is missing, the value is not a string or does not fit. */
int json_get_string(const char *text, size_t len, const char *key, char *out, size_t size);

/* Writes 2*n hex digits and a NUL to out. */
void hex_encode(const unsigned char *in, size_t n, char *out);

#endif
