; The installer's languages: one file each, holding MUI_LANGUAGE and every LangString of
; installer.nsi. English is first: it is the fallback for a Windows in any other language.
; The same languages as memsweep's own text (crates/i18n/locales), under NSIS's names.
!include "${__FILEDIR__}/English.nsh"
!include "${__FILEDIR__}/SimpChinese.nsh"
!include "${__FILEDIR__}/TradChinese.nsh"
!include "${__FILEDIR__}/Japanese.nsh"
!include "${__FILEDIR__}/Korean.nsh"
!include "${__FILEDIR__}/Russian.nsh"
!include "${__FILEDIR__}/German.nsh"
!include "${__FILEDIR__}/French.nsh"
!include "${__FILEDIR__}/Spanish.nsh"
!include "${__FILEDIR__}/PortugueseBR.nsh"
