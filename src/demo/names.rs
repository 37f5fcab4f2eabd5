//! Name tables for the demo vault: common Kazakh and Uyghur given names and invented family
//! names (patronymic forms), each in the scripts documents use. No real person is meant.

pub struct Given {
    pub cyrillic: &'static str,
    pub chinese: &'static str,
    pub arabic: &'static str,
    pub latin: &'static str,
}

pub struct Family {
    pub cyrillic_m: &'static str,
    pub cyrillic_f: &'static str,
    pub latin_m: &'static str,
    pub latin_f: &'static str,
    pub chinese: &'static str,
    pub arabic: &'static str,
}

macro_rules! given {
    ($($c:literal $z:literal $a:literal $l:literal;)*) => {
        &[$(Given { cyrillic: $c, chinese: $z, arabic: $a, latin: $l }),*]
    };
}

macro_rules! family {
    ($($m:literal $f:literal $lm:literal $lf:literal $z:literal $a:literal;)*) => {
        &[$(Family { cyrillic_m: $m, cyrillic_f: $f, latin_m: $lm, latin_f: $lf, chinese: $z, arabic: $a }),*]
    };
}

pub const GIVEN: &[Given] = given! {
    "Нұрлан" "努尔兰" "نۇرلان" "Nurlan";
    "Айгерім" "艾格里木" "ئايگېرىم" "Aigerim";
    "Бауыржан" "包尔江" "باۋىرجان" "Bauyrzhan";
    "Гүлнар" "古丽娜尔" "گۈلنار" "Gulnar";
    "Ерлан" "叶尔兰" "ئېرلان" "Erlan";
    "Меруерт" "美鲁耶尔特" "مېرۇيەرت" "Meruert";
    "Асқар" "阿斯卡尔" "ئاسقار" "Askar";
    "Жанар" "扎娜尔" "جانار" "Zhanar";
    "Серік" "赛力克" "سېرىك" "Serik";
    "Динара" "迪娜拉" "دىنارا" "Dinara";
    "Қайрат" "凯拉特" "قايرات" "Kairat";
    "Әсел" "阿赛尔" "ئەسەل" "Asel";
    "Мұрат" "木拉提" "مۇرات" "Murat";
    "Сәуле" "萨吾列" "سەۋلە" "Saule";
    "Талғат" "塔力哈提" "تالغات" "Talgat";
    "Күләш" "库拉西" "كۈلەش" "Kulash";
};

pub const FAMILY: &[Family] = family! {
    "Сейітұлы" "Сейітқызы" "Seiituly" "Seiitkyzy" "赛依提" "سېيىت";
    "Әбілұлы" "Әбілқызы" "Abiluly" "Abilkyzy" "阿比力" "ئابىل";
    "Тоқтарұлы" "Тоқтарқызы" "Toktaruly" "Toktarkyzy" "托克塔尔" "توختار";
    "Жақыпұлы" "Жақыпқызы" "Zhakypuly" "Zhakypkyzy" "加克普" "جاقىپ";
    "Оспанұлы" "Оспанқызы" "Ospanuly" "Ospankyzy" "吾斯潘" "ئوسپان";
    "Нұрғалиұлы" "Нұрғалиқызы" "Nurgaliuly" "Nurgalikyzy" "努尔哈力" "نۇرغالى";
    "Ахметұлы" "Ахметқызы" "Akhmetuly" "Akhmetkyzy" "艾合买提" "ئەخمەت";
    "Бекұлы" "Бекқызы" "Bekuly" "Bekkyzy" "别克" "بېك";
    "Дәулетұлы" "Дәулетқызы" "Dauletuly" "Dauletkyzy" "达吾列提" "داۋلەت";
    "Исаұлы" "Исақызы" "Isauly" "Isakyzy" "伊沙" "ئىسا";
    "Ғалымұлы" "Ғалымқызы" "Galymuly" "Galymkyzy" "哈力木" "غالىم";
};
