; The installer's languages: one file each, holding MUI_LANGUAGE and every LangString of
; installer.nsi. English is first: it is the fallback for a Windows in any other language.
; To add one of memsweep's UI languages, copy English.nsh to the NSIS language name (TradChinese,
; Japanese, Korean, Russian, German, French, Spanish, PortugueseBR), translate it, include it here.
!include "${__FILEDIR__}/English.nsh"
!include "${__FILEDIR__}/SimpChinese.nsh"
