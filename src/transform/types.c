/* transform/types.c — the type table: what each built-in type's values
 * become under each action. A type-specific mask or pseudonym is one row
 * here and its function. */
#include <string.h>

#include "transform/types.h"

static const xf_shape shapes[] = {
    {.name = "PHONE", .canon = canon_phone, .mask = mask_phone,
     .pseudo = pseudo_phone},
    {.name = "CN_ID", .canon = canon_cn_id, .mask = mask_cn_id,
     .pseudo = pseudo_cn_id},
    {.name = "BANK_CARD", .canon = canon_card, .mask = mask_card,
     .pseudo = pseudo_card},
    {.name = "IMEI", .canon = canon_digits, .mask = mask_imei,
     .pseudo = pseudo_imei},
    {.name = "IMSI", .canon = canon_digits, .mask = mask_imsi,
     .pseudo = pseudo_imsi},
    {.name = "ICCID", .canon = canon_digits, .mask = mask_iccid,
     .pseudo = pseudo_iccid},
    {.name = "MAC", .canon = canon_hex, .mask = mask_mac,
     .pseudo = pseudo_mac},
    {.name = "MEID", .canon = canon_hex, .mask = mask_meid,
     .pseudo = pseudo_meid},
    {.name = "DEVICE_ID", .canon = canon_lower, .pseudo = pseudo_device_id},
    {.name = "EMAIL", .canon = canon_email, .mask = mask_email,
     .pseudo = pseudo_email},
    {.name = "IPV4", .family = 4, .canon = canon_ipv4, .mask = mask_ipv4,
     .pseudo_whole = pseudo_ip, .coarsen = coarsen_ip},
    {.name = "IPV6", .family = 6, .canon = canon_ipv6, .mask = mask_ipv6,
     .pseudo_whole = pseudo_ip, .coarsen = coarsen_ip},
    {.name = "GEO", .mask = mask_geo, .pseudo_whole = pseudo_geo,
     .coarsen = coarsen_geo, .pseudo_coarse = true, .mask_keeps = true},
    {.name = "SECRET", .mask = mask_secret, .long_by_char = true,
     .long_keep = 0},
    {.name = "NAME", .mask = mask_name, .mask_keeps = true,
     .long_by_char = true, .long_keep = 1},
    {.name = "ADDRESS", .mask = mask_address, .mask_keeps = true,
     .long_by_char = true, .long_keep = 6},
};

/* Types without a row (a config's own, ORDER_ID): bytes hashed as they
 * are, every character masked. */
static const xf_shape generic = {.name = ""};

const xf_shape *xf_shape_for(const char *type_name)
{
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
        if (!strcmp(shapes[i].name, type_name))
            return &shapes[i];
    return &generic;
}
