#ifndef KAM_CLIBXML2_SHIM_H
#define KAM_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU; its headers would pull the system ICU into Swift, where it clashes with
   Foundation's own ICU. kam never touches libxml2's encoding handlers, so it compiles without ICU's types. */
#ifdef LIBXML_ICU_ENABLED
#undef LIBXML_ICU_ENABLED
#endif
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/* The only parse options kam ever uses: no network, no DTD loading, no entity substitution,
   no recovery (a malformed part is an error, never a guess), no "huge" relaxations. */
static const int kam_xml_safe_options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

/* Silences libxml2's generic error printing to stderr; kam reads errors with xmlGetLastError. */
static inline void kam_xml_silence_errors(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void kam_xml_install_silent_handler(void) {
    xmlSetGenericErrorFunc(NULL, kam_xml_silence_errors);
}
#endif
